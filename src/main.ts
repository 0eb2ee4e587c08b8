// The composition root, and the only module that reads the environment, the config file and the
// wall clock. Everything below receives them.
import { once } from 'node:events';
import { watch, type FSWatcher } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { createSitroom, type Sitroom } from './app.js';
import type { ChatAdapter } from './chat/chat-adapter.js';
import { startConsoleAdapter } from './chat/console/console-adapter.js';
import type { DiscordAdapterOptions } from './chat/discord/discord-adapter.js';
import type { SlackAdapter } from './chat/slack/start-slack-adapter.js';
import { loadBaselineDocuments, type BaselineDocument } from './config/load-baseline.js';
import { loadConfigFile } from './config/load-config.js';
import { readSlackEnvironment, type SlackEnvironment } from './config/slack-environment.js';
import { parseDiscordPublicKey } from './chat/discord/verify-discord-signature.js';
import type { SitroomConfig } from './config/schema.js';
import { createLogger, secretValues } from './log/create-logger.js';
import { checkHealth, type AdapterConnection, type HealthReport } from './observability/check-health.js';
import { createObservabilityHandler, OBSERVABILITY_PATHS, type RequestHandler } from './observability/observability-routes.js';
import { startObservabilityServer } from './observability/start-observability-server.js';
import { scheduleDigests } from './scheduler/schedule-digests.js';
import { schedulePolling } from './scheduler/schedule-polling.js';
import { ConfigError } from './config/load-config.js';
import { DatabaseProblem, describeDatabaseError } from './store/database-problems.js';
import { tryWriterLock, type WriterLock } from './store/hold-writer-lock.js';
import { openStore, type Store } from './store/open-store.js';
import { createSecretSealer } from './store/sealed-secrets.js';

export interface GlobalOptions {
  config?: string;
  db?: string;
}

export interface Running {
  sitroom: Sitroom;
  store: Store;
  log: Logger;
  baselineFolder: string;
  close(): void;
}

export const DEFAULT_CONFIG_PATH = 'config/sitroom.yaml';
export const DEFAULT_DB_PATH = 'data/sitroom.db';
export const DEFAULT_PORT = 3000;
/** How long a shutdown waits for the poll, digests and posts in flight (docker stop waits 10 s). */
const SHUTDOWN_WAIT_MS = 8_000;

export interface Setup {
  config: SitroomConfig;
  configPath: string;
  baselineFolder: string;
  baselineDocuments: BaselineDocument[];
  log: Logger;
}

/** Loads the config file and the baseline beside it, and makes the logger; throws ConfigError with every problem named. */
export function loadSetup(options: GlobalOptions, logLevel = 'info', writeLog?: (line: string) => void): Setup {
  const configPath = options.config ?? process.env.SITROOM_CONFIG ?? DEFAULT_CONFIG_PATH;
  const log = createLogger({ format: process.env.LOG_FORMAT === 'json' ? 'json' : 'pretty', level: process.env.LOG_LEVEL ?? logLevel, write: writeLog, secrets: secretValues(process.env), colourFor: process.stdout.isTTY ? process.stdout : process.stderr });
  const config = loadConfigFile(configPath);
  const baselineFolder = join(dirname(configPath), 'baseline');
  return { config, configPath, baselineFolder, baselineDocuments: loadBaselineDocuments(baselineFolder), log };
}

/**
 * 'polls': `run` and `poll`, which fetch, assess and post; only one such process per database.
 * 'reads': `ask` and `digest --print`, which also work beside a running one.
 */
export type DatabaseUse = 'polls' | 'reads';

/** Loads config and database; throws ConfigError with every problem named, DatabaseProblem for a file it cannot use. */
export async function openSitroom(options: GlobalOptions, logLevel = 'info', writeLog?: (line: string) => void, use: DatabaseUse = 'reads'): Promise<Running> {
  // A database address sitroom cannot use is said before any problem of the config file.
  const dbPath = databasePath(options);
  const { config, configPath, baselineFolder, baselineDocuments, log } = loadSetup(options, logLevel, writeLog);
  let lock: WriterLock | undefined;
  let store: Store | undefined;
  try {
    lock = tryWriterLock(dbPath);
    if (!lock && use === 'polls') {
      throw new DatabaseProblem(`${dbPath} is in use by another sitroom (run or poll): stop that one first; \`sitroom ask\` and \`sitroom digest --print\` work beside it`);
    }
    // A reader only looks: holding the lock through a long start-up would keep `sitroom run` from starting.
    const besidePoller = !lock;
    if (use === 'reads' && lock) {
      lock.release();
      lock = undefined;
    }
    store = openStore(dbPath, log);
    const sitroom = await createSitroom({ config, configPath, store, baselineDocuments, log, now: Date.now, use: use === 'polls' ? 'polls' : besidePoller ? 'reads-beside-poller' : 'reads' });
    const [opened, held] = [store, lock];
    return { sitroom, store, log, baselineFolder, close: () => (opened.close(), held?.release()) };
  } catch (error) {
    store?.close();
    lock?.release();
    throw describeDatabaseError(dbPath, error) ?? error;
  }
}

export function databasePath(options: GlobalOptions): string {
  const path = options.db ?? process.env.SITROOM_DB ?? DEFAULT_DB_PATH;
  // A URL is never a file name: "postgres://…" taken as a path would create a folder "postgres:".
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    const given = options.db === undefined ? 'SITROOM_DB' : '--db';
    throw new ConfigError([`${given}: ${path.replace(/\/\/[^/@]*@/, '//…@')} is a URL, but sitroom stores its data in a SQLite file for now (PostgreSQL is not supported yet); give a file path such as ${DEFAULT_DB_PATH}`]);
  }
  return path;
}

export function consoleUser(): { id: string; name: string } {
  const name = process.env.USER ?? safeUserName();
  return { id: `console:${name}`, name };
}

/** `sitroom run`: the scheduler, and the console when no chat platform is configured. */
export async function runSitroom(options: GlobalOptions): Promise<void> {
  // Log lines go above the console prompt once the console is up.
  let writeLog = (line: string): void => void process.stderr.write(line);
  const slackEnvironment = readSlackEnvironment(process.env);
  const discordInteractions = discordInteractionsFromEnv();
  const running = await openSitroom(options, 'info', (line) => writeLog(line), 'polls');
  const { sitroom, log } = running;
  const polling = schedulePolling(sitroom.pollDueFeeds, log);
  const baselineWatch = watchBaseline(running.baselineFolder, sitroom, log);
  const shutdown = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => shutdown.abort());
  // The person at the terminal runs this process and could edit its config file: they are an admin.
  const session = startConsoleAdapter(sitroom, { input: process.stdin, output: process.stdout, user: consoleUser(), isAdmin: true, channel: 'console:general', signal: shutdown.signal });
  writeLog = (line) => (process.stdout.isTTY ? session.printAbove(line) : process.stderr.write(line));
  const adapters: ChatAdapter[] = [session];
  let consoleOpen = true;
  void session.finished.then(() => (consoleOpen = false));
  const connections: AdapterConnection[] = [];
  const observe = observabilityHandler(running, connections);
  const routes: Record<string, RequestHandler> = Object.fromEntries(OBSERVABILITY_PATHS.map((path) => [path, observe]));
  if (discordInteractions) {
    const { createDiscordInteractionsHandler, DISCORD_INTERACTIONS_PATH } = await import('./chat/discord/serve-discord-interactions.js');
    routes[DISCORD_INTERACTIONS_PATH] = createDiscordInteractionsHandler(sitroom, { ...discordInteractions, wallClock: Date.now });
  }
  const slack = slackEnvironment && (await startSlack(sitroom, slackEnvironment, log, routes));
  const discordOptions = discordOptionsFromEnv();
  // discord.js and Bolt are loaded only when configured: together they are over a second of every start-up.
  const discord = discordOptions ? await (await import('./chat/discord/discord-adapter.js')).startDiscordAdapter(sitroom, discordOptions) : undefined;
  // A service's stdin is closed or /dev/null: with a chat platform up, only a signal stops sitroom,
  // and the console's input is not part of its health.
  const runsUntilConsoleCloses = !((slack || discord) && !process.stdin.isTTY);
  if (runsUntilConsoleCloses) connections.push({ platform: 'console', connected: () => consoleOpen });
  for (const platform of [slack, discord]) {
    if (!platform) continue;
    adapters.push(platform);
    connections.push({ platform: platform.platform, connected: () => platform.connected?.() ?? true });
  }
  for (const adapter of adapters) sitroom.connectAdapter(adapter);
  const digests = scheduleDigests(sitroom.runDueDigests, log);
  // Slack's HTTP mode listens on PORT and serves /healthz and /metrics there too; otherwise they get a server of their own.
  const observability = slack?.port !== undefined ? undefined : await startObservabilityServer(Number(process.env.PORT ?? DEFAULT_PORT), (request, response) => (routes[(request.url ?? '/').split('?')[0]!] ?? observe)(request, response), log);
  await (runsUntilConsoleCloses ? session.finished : once(shutdown.signal, 'abort'));
  log.info('shutting down');
  baselineWatch?.close();
  // Nothing new starts; the poll, digest run and posts in flight finish within a bound. Work cut off
  // past it is not lost: each feed is stored in one transaction and polled again at the next start,
  // and a digest or alert is recorded before it is posted, so it is posted then.
  const inFlight = Promise.all([polling.stop(), digests.stop()]).then(() => sitroom.deliverPending());
  const drained = await finishesWithin(SHUTDOWN_WAIT_MS, inFlight.then(() => undefined));
  if (!drained) log.warn({ waitedMs: SHUTDOWN_WAIT_MS }, 'work in flight did not finish; it is picked up again at the next start');
  await Promise.all(adapters.map((adapter) => adapter.stop()));
  await observability?.close();
  await sitroom.close();
  running.close();
  log.info('stopped');
  if (!drained) process.exit(0);
}

function observabilityHandler(running: Running, connections: AdapterConnection[]): RequestHandler {
  const { services } = running.sitroom;
  const health = (): Promise<HealthReport> => checkHealth({ store: running.store, now: Date.now, startedAt: services.startedAt, adapters: () => connections });
  return createObservabilityHandler({ health, metrics: services.metrics, log: running.log });
}

async function finishesWithin(ms: number, work: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const finished = await Promise.race([work.then(() => true as const), timeout]);
  clearTimeout(timer);
  return finished;
}

/** The Discord bot's settings, when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set. */
export function discordOptionsFromEnv(): DiscordAdapterOptions | undefined {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: apiUrl } = process.env;
  if (!token || !applicationId) return undefined;
  return { token, applicationId, guildId: guildId || undefined, apiUrl: apiUrl || undefined, gateway: process.env.DISCORD_GATEWAY !== 'off' };
}

/** Discord's interactions endpoint, when DISCORD_PUBLIC_KEY is set; a key that is not one stops the start. */
function discordInteractionsFromEnv(): { publicKey: string; applicationId: string; apiUrl?: string; developmentGuildId?: string } | undefined {
  const { DISCORD_PUBLIC_KEY: publicKey, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: apiUrl } = process.env;
  if (!publicKey) return undefined;
  const problems = applicationId ? [] : ['DISCORD_PUBLIC_KEY is set without DISCORD_APPLICATION_ID: the interactions endpoint answers through the application\'s webhooks'];
  try {
    parseDiscordPublicKey(publicKey);
  } catch (error) {
    problems.push(`DISCORD_PUBLIC_KEY: ${(error as Error).message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { publicKey, applicationId: applicationId!, apiUrl: apiUrl || undefined, developmentGuildId: guildId || undefined };
}

/** The Slack adapter (see .env.example). Failing to start is logged and shown in /status, not fatal. */
async function startSlack(sitroom: Sitroom, slack: SlackEnvironment, log: Logger, routes: Record<string, RequestHandler>): Promise<SlackAdapter | undefined> {
  const { SLACK_API_URL, PORT } = process.env;
  try {
    const { startSlackAdapter } = await import('./chat/slack/start-slack-adapter.js');
    const { createBoltInstallationStore } = await import('./chat/slack/slack-installations.js');
    const workspaces =
      slack.workspaces === 'one'
        ? { botToken: slack.botToken, signingSecret: slack.signingSecret, appToken: slack.appToken }
        : {
            signingSecret: slack.signingSecret,
            oauth: {
              clientId: slack.clientId,
              clientSecret: slack.clientSecret,
              stateSecret: slack.stateSecret,
              redirectUri: slack.redirectUri,
              installationStore: createBoltInstallationStore(sitroom.services.store.slackInstallations, createSecretSealer(slack.encryptionKey), Date.now),
            },
          };
    return await startSlackAdapter(sitroom, { ...workspaces, apiUrl: SLACK_API_URL || undefined, port: PORT ? Number(PORT) : undefined, extraRoutes: routes });
  } catch (error) {
    const message = `not started: ${(error as Error).message}`;
    log.error({ platform: 'slack', error: message }, 'slack adapter not started');
    sitroom.services.chatProblems.report({ platform: 'slack', message, at: Date.now() });
    return undefined;
  }
}

/** Rebuilds the knowledge base when a baseline document is added or changed, without a restart. */
function watchBaseline(folder: string, sitroom: Sitroom, log: Logger): FSWatcher | undefined {
  let pending: NodeJS.Timeout | undefined;
  const reload = (): void => {
    try {
      sitroom.reloadBaseline(loadBaselineDocuments(folder));
    } catch (error) {
      // A half-written or invalid document keeps the knowledge base as it was, and says why.
      log.error({ folder, error: (error as Error).message }, 'baseline not reloaded');
    }
  };
  try {
    return watch(folder, () => {
      clearTimeout(pending);
      pending = setTimeout(reload, 500);
    });
  } catch {
    return undefined;
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local';
  }
}
