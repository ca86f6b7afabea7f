/**
 * Module initialisation time: a fresh Node process imports the bundle (with the flags Lambda uses,
 * NODE_OPTIONS=--enable-source-maps) and constructs its clients; the same for the bare bundle,
 * alternating the two so that the machine's load falls on both alike. Medians of many runs; the
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
  /** Medians, function and bare. */
  fn: InitSample;
  bare: InitSample;
  /**
   * Judged: CPU time, function / bare, the median of the ratios of runs taken side by side (see
   * docs/PERFORMANCE.md for why CPU rather than wall time).
   */
  cpuRatio: number;
  wallRatio: number;
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
  for (const { spec, fn, bare } of pairs) {
    const env = initEnv(spec);
    // One warm-up of each (file cache), not counted.
    await initOnce(fn.file, env);
    await initOnce(bare.file, env);
    const fnSamples: InitSample[] = [];
    const bareSamples: InitSample[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so a drift in load favours neither.
      if (i % 2 === 0) {
        fnSamples.push(await initOnce(fn.file, env));
        bareSamples.push(await initOnce(bare.file, env));
      } else {
        bareSamples.push(await initOnce(bare.file, env));
        fnSamples.push(await initOnce(fn.file, env));
      }
    }
    const f = medians(fnSamples);
    const b = medians(bareSamples);
    // Each function run sits next to a bare run taken under the same load: the median of those
    // pairs' ratios is steadier on a shared machine than the ratio of the two medians.
    const pairRatio = (pick: (s: InitSample) => number) =>
      median(fnSamples.map((fs, i) => ratio(pick(fs), pick(bareSamples[i]!))));
    const result: ColdStart = {
      name: spec.name,
      runs,
      fn: f,
      bare: b,
      cpuRatio: pairRatio((x) => x.cpuMs),
      wallRatio: pairRatio((x) => x.ms),
    };
    progress(
      `  ${spec.name}: CPU ${f.cpuMs.toFixed(1)} ms vs bare ${b.cpuMs.toFixed(1)} ms (×${result.cpuRatio.toFixed(2)}); ` +
        `wall ${f.ms.toFixed(1)} vs ${b.ms.toFixed(1)} ms (×${result.wallRatio.toFixed(2)})`,
    );
    results.push(result);
  }
  return results;
}
