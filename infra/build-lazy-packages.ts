/**
 * Builds a function's lazy packages (infra/bundling.ts LAZY_PACKAGES) into its asset, beside the
 * bundle NodejsFunction just wrote: `tsx infra/build-lazy-packages.ts <outputDir> <pkg>...`. Run by
 * BaseFunction's afterBundling hook at synth, and by the benchmarks through `buildLazyPackages`.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyPackageEsbuildOptions, lazyPackageFile } from './bundling.ts';

export async function buildLazyPackages(outputDir: string, packages: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const pkg of packages) {
    const file = lazyPackageFile(outputDir, pkg);
    mkdirSync(dirname(file), { recursive: true });
    await build({ ...lazyPackageEsbuildOptions(pkg, outputDir), logLevel: 'error' });
    // Node resolves a bare import('pkg') through this package.json's main.
    writeFileSync(
      join(dirname(file), 'package.json'),
      `${JSON.stringify({ name: pkg, private: true, type: 'module', main: 'index.mjs' })}\n`,
    );
    files.push(file);
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outputDir, ...packages] = process.argv.slice(2);
  if (!outputDir || packages.length === 0) {
    console.error('usage: tsx infra/build-lazy-packages.ts <outputDir> <pkg>...');
    process.exit(2);
  }
  // No top-level await: CommonJS importers of this module (tsx -e) would refuse it.
  buildLazyPackages(outputDir, packages).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
