// One cold start: a fresh Node process imports a bundle (running its module-level wiring: config,
// clients, handler) and prints how long the import took, in wall-clock and CPU milliseconds.
// Usage: node [flags] init-probe.mjs <bundle.mjs>
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const cpu = process.cpuUsage();
const start = performance.now();
await import(pathToFileURL(process.argv[2]).href);
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000 })}\n`);
process.exit(0);
