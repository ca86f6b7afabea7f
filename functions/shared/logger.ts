import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../../shared/ports.ts';

/** Powertools Logger (JSON, sampling, Lambda context) for a function; satisfies the Log port. */
export function createLogger(serviceName: string): Logger & Log {
  return new Logger({ serviceName });
}
