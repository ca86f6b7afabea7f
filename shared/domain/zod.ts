/**
 * The zod every Lambda-side schema uses: zod/mini (tree-shakeable: ~20 KB in a bundle instead of
 * ~90 KB for `zod`, and ~25 ms less per cold start; docs/PERFORMANCE.md) with zod's English
 * messages, which `zod` loads by itself and zod/mini does not. Import it as
 * `import * as z from './zod.ts'` (a namespace import, so esbuild keeps only what is used).
 */
// The one place Lambda code may import zod (eslint.config.mjs sends everything else here).
/* eslint-disable no-restricted-imports */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
/* eslint-enable no-restricted-imports */
