import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Build output and scratch files of the benchmarks (git-ignored). */
export const OUT_DIR = fileURLToPath(new URL('../.out/', import.meta.url));
