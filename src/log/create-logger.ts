// Structured logs: JSON lines in production, short readable lines in the console mode.
// Tokens never reach a log line: the fields that could hold them are redacted, and the values of
// secret environment variables and anything shaped like a chat token are scrubbed from every line.
import { styleText } from 'node:util';
import { pino, type Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  format: LogFormat;
  level: string;
  /** Where lines go; stderr by default so stdout stays clean for --json output. */
  write?: (line: string) => void;
  /** Values never to print, wherever they turn up (an error message, a URL). */
  secrets?: string[];
  /**
   * The stream the readable lines end up on: levels are coloured when it is a terminal and NO_COLOR
   * is not set (Node's own check, which also reads FORCE_COLOR). Without it, no colour.
   */
  colourFor?: NodeJS.WriteStream;
}

const REDACTED_PATHS = ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'botToken', 'signingSecret', 'appToken', '*.botToken', '*.signingSecret', '*.appToken'];
/** Slack bot, user and app tokens, Discord bot tokens, and credentials in Authorization headers. */
const TOKEN_SHAPES = [/\bxox[abposr]-[A-Za-z0-9-]{8,}/g, /\bxapp-[A-Za-z0-9-]{8,}/g, /\b[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40}\b/g, /\b(Bearer|Bot|Basic) [\w.~+/-]{12,}=*/g];
const SECRET_VARIABLE = /(TOKEN|SECRET|PASSWORD|API_?KEY|ENCRYPTION_KEY)$/i;
const STANDARD_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg']);
const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const LEVEL_COLOURS: Record<string, Parameters<typeof styleText>[0]> = { trace: 'gray', debug: 'gray', info: 'green', warn: 'yellow', error: 'red', fatal: 'red' };

export function createLogger(options: LoggerOptions): Logger {
  const output = options.write ?? ((line: string) => void process.stderr.write(line));
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const write = (line: string): void => output(scrub(line, secrets));
  const destination = { write: options.format === 'json' ? write : (line: string) => write(prettyLine(line, options.colourFor)) };
  return pino({ level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined }, destination);
}

/** The values of environment variables named like secrets (SLACK_BOT_TOKEN, ..._SECRET, ...). */
export function secretValues(environment: Record<string, string | undefined>): string[] {
  return Object.entries(environment).flatMap(([name, value]) => (SECRET_VARIABLE.test(name) && value ? [value] : []));
}

/** For tests and one-shot commands that must stay quiet. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

function scrub(line: string, secrets: string[]): string {
  const withoutSecrets = secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), line);
  return TOKEN_SHAPES.reduce((text, shape) => text.replace(shape, '[redacted]'), withoutSecrets);
}

function prettyLine(jsonLine: string, colourFor: NodeJS.WriteStream | undefined): string {
  const record = JSON.parse(jsonLine) as Record<string, unknown>;
  const time = new Date(record.time as number).toISOString().slice(11, 19);
  const name = LEVEL_NAMES[record.level as number] ?? String(record.level);
  const level = colourFor ? styleText(LEVEL_COLOURS[name] ?? 'reset', name.padEnd(5), { stream: colourFor }) : name.padEnd(5);
  const extras = Object.entries(record)
    .filter(([key]) => !STANDARD_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `${time} ${level} ${record.msg ?? ''}${extras.length ? `  ${extras.join(' ')}` : ''}\n`;
}
