// Prints the optimised core wasm's size, raw and brotli, and (with --check) fails when the brotli
// size exceeds the budget recorded here and in BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

/** The budget for www/pkg/ailabel_bg.wasm after wasm-opt -Oz, brotli quality 11. */
export const BUDGET_BROTLI_BYTES = 291_000;

export function measure(path = new URL('../www/pkg/ailabel_bg.wasm', import.meta.url)) {
  const raw = readFileSync(path);
  const brotli = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  return { raw: raw.length, brotli: brotli.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { raw, brotli } = measure();
  console.log(`wasm size: ${raw} B raw, ${brotli} B brotli (budget ${BUDGET_BROTLI_BYTES} B brotli)`);
  if (process.argv.includes('--check') && brotli > BUDGET_BROTLI_BYTES) {
    console.error(`wasm size budget exceeded: ${brotli} B brotli > ${BUDGET_BROTLI_BYTES} B`);
    process.exit(1);
  }
}
