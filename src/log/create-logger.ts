// Structured logs: JSON lines in production, short readable lines in the console mode.
// Tokens never reach a log line: the fields that could hold them are redacted.
import { pino, type Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  format: LogFormat;
  level: string;
  /** Where lines go; stderr by default so stdout stays clean for --json output. */
  write?: (line: string) => void;
}

const REDACTED_PATHS = ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'botToken', 'signingSecret', 'appToken', '*.botToken', '*.signingSecret', '*.appToken'];
const STANDARD_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg']);
const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const destination = { write: options.format === 'json' ? write : (line: string) => write(prettyLine(line)) };
  return pino({ level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined }, destination);
}

/** For tests and one-shot commands that must stay quiet. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

function prettyLine(jsonLine: string): string {
  const record = JSON.parse(jsonLine) as Record<string, unknown>;
  const time = new Date(record.time as number).toISOString().slice(11, 19);
  const level = LEVEL_NAMES[record.level as number] ?? String(record.level);
  const extras = Object.entries(record)
    .filter(([key]) => !STANDARD_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `${time} ${level.padEnd(5)} ${record.msg ?? ''}${extras.length ? `  ${extras.join(' ')}` : ''}\n`;
}
