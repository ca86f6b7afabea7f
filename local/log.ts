import type { Log } from '../shared/ports.ts';

/** Terse log lines for the terminal; same port as Powertools' Logger. */
export function consoleLog(service: string, quiet = process.env.LOG_LEVEL === 'silent'): Log {
  const write =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) => {
      if (quiet) return;
      const fields = Object.assign({}, ...extra);
      const suffix = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
      console.log(`[${service}] ${level} ${message}${suffix}`);
    };
  return { debug: () => {}, info: write('info'), warn: write('warn'), error: write('error') };
}
