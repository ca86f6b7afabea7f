/**
 * Starts AWS's DynamoDB Local engine (Java) on a free port, bound to 127.0.0.1 (the engine has no
 * option for it: a small launcher, tools/LoopbackDynamoDbLocal.java, binds it), and stops it again.
 * Used by `npm start` and by the test harness, so both run against the real engine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { ensureDynamoDbLocal } from './fetch-dynamodb-local.mjs';
import { namedError } from '../shared/domain/named-error.ts';

/** The table `npm start` keeps its data in. */
export const LOCAL_TABLE_NAME = 'rehab-local';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  /**
   * 'loopback': bound to 127.0.0.1 by the launcher. 'all': the plain jar on every interface (no Java
   * compiler to build the launcher), on a random port: say so.
   */
  bound: 'loopback' | 'all';
  stop(): Promise<void>;
}

/** What `npm start` says when DynamoDB Local could not be bound to loopback. */
export const LOOPBACK_UNAVAILABLE = [
  'WARNING: DynamoDB Local listens on every interface (on a random port): this Java has no compiler',
  'module (jdk.compiler) to build the launcher that binds it to 127.0.0.1. Its data (phone numbers',
  'in clear) is reachable from your network while it runs. Install a full JDK 17+ to close it.',
].join('\n');

const LAUNCHER = 'LoopbackDynamoDbLocal';
const LAUNCHER_SOURCE = join(import.meta.dirname, `${LAUNCHER}.java`);

/**
 * The loopback launcher (tools/LoopbackDynamoDbLocal.java), compiled once against the jar into the
 * git-ignored engine folder (a folder per version of the source); undefined when this Java has no
 * compiler module. Compiled in a folder of its own, then renamed into place: concurrent starts
 * never see half a class.
 */
function loopbackLauncher(dir: string): string | undefined {
  const source = readFileSync(LAUNCHER_SOURCE);
  const out = join(dir, `loopback-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`);
  if (existsSync(join(out, `${LAUNCHER}.class`))) return out;
  const work = mkdtempSync(join(dir, 'loopback-build-'));
  try {
    const result = spawnSync(
      'java',
      [
        '-m',
        'jdk.compiler/com.sun.tools.javac.Main',
        '-cp',
        join(dir, 'DynamoDBLocal.jar'),
        '-d',
        work,
        LAUNCHER_SOURCE,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0 || !existsSync(join(work, `${LAUNCHER}.class`))) return undefined;
    try {
      renameSync(work, out);
    } catch {
      // Another start put it there first.
    }
    return existsSync(join(out, `${LAUNCHER}.class`)) ? out : undefined;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface StartOptions {
  port?: number;
  /** Keep data in this folder instead of memory. */
  dbPath?: string;
  log?: (message: string) => void;
}

export class JavaMissingError extends namedError('JavaMissingError') {}

/** Throws JavaMissingError, one sentence saying what is missing and how to install it, without Java ≥ 17. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const install =
    'install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`, macOS: `brew install openjdk@17`) and run the command again.';
  if (result.error || result.status !== 0) {
    throw new JavaMissingError(`DynamoDB Local needs Java 17 or newer, which was not found: ${install}`);
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    throw new JavaMissingError(
      `DynamoDB Local needs Java 17 or newer, and Java ${major || '(unknown version)'} was found: ${install}`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  const log = options.log ?? (() => {});
  checkJava();
  const dir = ensureDynamoDbLocal({ log });
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const launcher = loopbackLauncher(dir);
  const child = spawn(
    'java',
    [
      '-Xms64m',
      '-XX:+UseSerialGC',
      // C1 only: a test run or a dev session is minutes long, too short for C2's compiling to pay
      // back (measured on the integration suite: 258 → 188 s of DynamoDB Local's CPU, −27 %).
      '-XX:TieredStopAtLevel=1',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      // Bound to 127.0.0.1 by the launcher; the plain jar (every interface) only without a compiler.
      ...(launcher
        ? ['-cp', `${launcher}${delimiter}${join(dir, 'DynamoDBLocal.jar')}`, LAUNCHER]
        : ['-jar', join(dir, 'DynamoDBLocal.jar')]),
      ...storage,
      // One database whatever the credentials and region, so every tool sees the same tables.
      '-sharedDb',
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    // cwd: DynamoDB Local writes a metadata file into its working directory.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const started = Date.now();
  let lastReport = started;
  while (!(await portAccepts(port))) {
    if (child.exitCode !== null) {
      process.off('exit', killOnExit);
      throw new Error(`DynamoDB Local exited with code ${child.exitCode}: ${output.trim().slice(-500)}`);
    }
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not start within 60 s: ${output.trim().slice(-500)}`);
    }
    if (Date.now() - lastReport > 1000) {
      log(
        `  waiting for DynamoDB Local on port ${port} (${Math.round((Date.now() - started) / 1000)} s) ...`,
      );
      lastReport = Date.now();
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    bound: launcher ? 'loopback' : 'all',
    async stop() {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5000);
      }
    },
  };
}
