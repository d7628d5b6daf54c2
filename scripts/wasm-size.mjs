// Prints the optimised core wasm's size and the text part's, raw and brotli, and (with --check)
// fails when a brotli size exceeds the budget recorded here and in BENCHMARKS.md.
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

/** The budget for www/pkg/ailabel_bg.wasm (the core) after wasm-opt -Oz, brotli quality 11. */
export const BUDGET_BROTLI_BYTES = 250_000;
/** The budget for www/pkg/ailabel_text.wasm (the text part, loaded for inputs with text). */
export const TEXT_BUDGET_BROTLI_BYTES = 153_000;

export function measure(path = new URL('../www/pkg/ailabel_bg.wasm', import.meta.url)) {
  const raw = readFileSync(path);
  const brotli = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  return { raw: raw.length, brotli: brotli.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let over = false;
  const modules = [
    ['wasm', new URL('../www/pkg/ailabel_bg.wasm', import.meta.url), BUDGET_BROTLI_BYTES],
    ['text part', new URL('../www/pkg/ailabel_text.wasm', import.meta.url), TEXT_BUDGET_BROTLI_BYTES],
  ];
  for (const [name, path, budget] of modules) {
    if (!existsSync(path)) {
      console.error(`${name}: ${path.pathname} is missing: run scripts/build-wasm.sh`);
      over = true;
      continue;
    }
    const { raw, brotli } = measure(path);
    console.log(`${name} size: ${raw} B raw, ${brotli} B brotli (budget ${budget} B brotli)`);
    if (brotli > budget) {
      console.error(`${name} size budget exceeded: ${brotli} B brotli > ${budget} B`);
      over = true;
    }
  }
  if (process.argv.includes('--check') && over) process.exit(1);
}
