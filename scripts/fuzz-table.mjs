// The campaign table of FUZZING.md, computed from fuzz/campaigns.tsv (one line per run, written by
// scripts/fuzz-campaign.sh): per target, the CPU seconds and executions of all its runs summed,
// the number of runs, and the cov, ft and corpus size of its latest run (libFuzzer's figures at
// the end of that run, which starts from the corpus the earlier runs left). Every target in
// fuzz/Cargo.toml gets a row, with none for one never run.
//
//   node scripts/fuzz-table.mjs          # prints the table
//   node scripts/fuzz-table.mjs --check  # exits 1 unless FUZZING.md holds exactly this table
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const num = (n) => Math.round(n).toLocaleString('en-US');

/// The targets, in fuzz/Cargo.toml's order.
export function targets(cargoToml) {
  return [...cargoToml.matchAll(/\[\[bin\]\]\s*\nname = "([^"]+)"/g)].map((m) => m[1]);
}

/// The markdown table for the TSV text and the target names.
export function table(tsv, names) {
  const lines = tsv.split('\n').filter((l) => l.trim() !== '');
  const head = lines.shift()?.split('\t') ?? [];
  const col = (name) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`fuzz/campaigns.tsv: expected a column "${name}" in its header`);
    return i;
  };
  const [date, target, cpu, execs, cov, ft, corpus] =
    ['date', 'target', 'cpu_s', 'execs', 'cov', 'ft', 'corpus'].map(col);
  const runs = new Map(names.map((n) => [n, []]));
  for (const [i, line] of lines.entries()) {
    const f = line.split('\t');
    if (!runs.has(f[target])) {
      throw new Error(`fuzz/campaigns.tsv line ${i + 2}: "${f[target]}" is not a target in fuzz/Cargo.toml`);
    }
    runs.get(f[target]).push(f);
  }
  const rows = [
    '| target | CPU time, all runs | runs | executions | cov | ft | corpus | dates |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  let total = 0;
  for (const [name, rs] of runs) {
    if (rs.length === 0) {
      rows.push(`| \`${name}\` | 0 | 0 | – | – | – | – | – |`);
      continue;
    }
    const seconds = rs.reduce((s, f) => s + Number(f[cpu]), 0);
    total += seconds;
    const last = rs.reduce((a, b) => (b[date] > a[date] ? b : a));
    const days = [...new Set(rs.map((f) => f[date].slice(0, 10)))].sort().join(', ');
    rows.push(
      `| \`${name}\` | ${num(seconds)} s (${num(seconds / 60)} min) | ${rs.length} | ` +
        `${num(rs.reduce((s, f) => s + Number(f[execs]), 0))} | ${num(Number(last[cov]))} | ` +
        `${num(Number(last[ft]))} | ${num(Number(last[corpus]))} | ${days} |`,
    );
  }
  rows.push(`| all | ${num(total)} s (${(total / 3600).toFixed(1)} h) | ${lines.length} | | | | | |`);
  return rows.join('\n');
}

function main() {
  const tsv = readFileSync(`${root}fuzz/campaigns.tsv`, 'utf8');
  const names = targets(readFileSync(`${root}fuzz/Cargo.toml`, 'utf8'));
  const t = table(tsv, names);
  if (!process.argv.includes('--check')) {
    console.log(t);
    return;
  }
  const doc = readFileSync(`${root}FUZZING.md`, 'utf8');
  if (!doc.includes(`${t}\n`)) {
    console.error(
      'FUZZING.md does not hold the campaign table of fuzz/campaigns.tsv; paste the output of ' +
        '`node scripts/fuzz-table.mjs` in its place',
    );
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
