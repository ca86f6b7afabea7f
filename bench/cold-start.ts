/**
 * Module initialisation time: a fresh Node process imports the bundle (with the flags Lambda uses,
 * NODE_OPTIONS=--enable-source-maps) and constructs its clients; the same for the function bundled
 * with the SDK's defaults (before issue 18's trims) and for the bare bundle, in rotation so that
 * the machine's load falls on all alike. Medians of many runs; the
 * ratio is the median of the ratios of runs taken side by side.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { initEnv, type BundlePair } from './bundles.ts';
import { median, ratio } from './lib/stats.ts';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./lib/init-probe.mjs', import.meta.url));

/** Node flags the deployed functions run with (BaseFunction sets NODE_OPTIONS). */
export const LAMBDA_NODE_FLAGS = ['--enable-source-maps'];

export interface InitSample {
  /** Wall-clock milliseconds of the import. */
  ms: number;
  /** CPU milliseconds (all threads) spent in it. */
  cpuMs: number;
}

export async function initOnce(bundle: string, env: Record<string, string>): Promise<InitSample> {
  const { stdout } = await run(process.execPath, [...LAMBDA_NODE_FLAGS, PROBE, bundle], {
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as InitSample;
}

export interface ColdStart {
  name: string;
  runs: number;
  /** Medians: the function as deployed, the same bundled with the SDK's defaults, and the bare. */
  fn: InitSample;
  before: InitSample;
  bare: InitSample;
  /**
   * Judged: CPU time, function / bare, the median of the ratios of runs taken side by side (see
   * docs/PERFORMANCE.md for why CPU rather than wall time).
   */
  cpuRatio: number;
  wallRatio: number;
  /** The SDK-defaults bundle's CPU ratio to the same bare, taken the same way. */
  beforeCpuRatio: number;
}

function medians(samples: InitSample[]): InitSample {
  return { ms: median(samples.map((s) => s.ms)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

export async function measureColdStarts(
  pairs: readonly BundlePair[],
  runs: number,
  progress: (m: string) => void = () => {},
): Promise<ColdStart[]> {
  const results: ColdStart[] = [];
  for (const { spec, fn, before, bare } of pairs) {
    const env = initEnv(spec);
    const files = [fn.file, before.file, bare.file];
    // One warm-up of each (file cache), not counted.
    for (const file of files) await initOnce(file, env);
    const samples: InitSample[][] = files.map(() => []);
    for (let i = 0; i < runs; i++) {
      // Rotate which goes first, so a drift in load favours none.
      for (let j = 0; j < files.length; j++) {
        const k = (i + j) % files.length;
        samples[k]!.push(await initOnce(files[k]!, env));
      }
    }
    const [fnSamples, beforeSamples, bareSamples] = samples as [InitSample[], InitSample[], InitSample[]];
    const f = medians(fnSamples);
    const b = medians(bareSamples);
    // Each run sits next to a bare run taken under the same load: the median of those pairs'
    // ratios is steadier on a shared machine than the ratio of the two medians.
    const pairRatio = (of: InitSample[], pick: (s: InitSample) => number) =>
      median(of.map((fs, i) => ratio(pick(fs), pick(bareSamples[i]!))));
    const result: ColdStart = {
      name: spec.name,
      runs,
      fn: f,
      before: medians(beforeSamples),
      bare: b,
      cpuRatio: pairRatio(fnSamples, (x) => x.cpuMs),
      wallRatio: pairRatio(fnSamples, (x) => x.ms),
      beforeCpuRatio: pairRatio(beforeSamples, (x) => x.cpuMs),
    };
    progress(
      `  ${spec.name}: CPU ${f.cpuMs.toFixed(1)} ms vs bare ${b.cpuMs.toFixed(1)} ms (×${result.cpuRatio.toFixed(2)}; ` +
        `SDK defaults ${result.before.cpuMs.toFixed(1)} ms, ×${result.beforeCpuRatio.toFixed(2)}); ` +
        `wall ${f.ms.toFixed(1)} vs ${b.ms.toFixed(1)} ms (×${result.wallRatio.toFixed(2)})`,
    );
    results.push(result);
  }
  return results;
}
