// A logger whose messages land in a list, for tests that assert what an admin reads in the log.
import type { Logger } from 'pino';
import { createLogger } from '../../src/log/create-logger.js';

export function logInto(lines: string[]): Logger {
  return createLogger({ format: 'json', level: 'info', write: (line) => void lines.push((JSON.parse(line) as { msg: string }).msg) });
}
