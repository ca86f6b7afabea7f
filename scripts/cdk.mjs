#!/usr/bin/env node
// `npm run cdk -- <command> …`: the project's AWS CDK CLI, with one fix. The CLI splits each
// `-c key=value` at the first line break (aws-cdk 2.1148: `assignment.split(/=(.*)/, 2)`, and `.`
// stops at a newline), so `-c rehab='{⏎ "sms": …⏎}'` reaches the app as `{` alone. Here the lines
// of every -c / --context value are joined with spaces first (JSON reads line breaks as spaces; a
// line break inside a JSON string is not valid JSON anyway), then the CLI runs with the same
// arguments, output and exit code. A bare `npx cdk` still cuts: infra/config-source.ts says so.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The arguments with each context value's lines joined (`-c k=v`, `--context k=v`, `--context=k=v`, `-c=k=v`). */
export function joinContextLines(argv) {
  const joined = (value) => value.replace(/\r?\n\s*/g, ' ');
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if ((arg === '-c' || arg === '--context') && i + 1 < argv.length) {
      out.push(arg, joined(argv[++i]));
    } else if (arg.startsWith('--context=') || arg.startsWith('-c=')) {
      out.push(joined(arg));
    } else {
      out.push(arg);
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cli = createRequire(import.meta.url).resolve('aws-cdk/bin/cdk');
  const child = spawn(process.execPath, [cli, ...joinContextLines(process.argv.slice(2))], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
