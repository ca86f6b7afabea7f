// Lambda entry: production wiring only. Tests and the local stack call createIntakeHandler with their own deps.
import { createLogger } from '../shared/logger.ts';
import { createIntakeHandler } from './handler.ts';

export const handler = createIntakeHandler({ log: createLogger('intake') });
