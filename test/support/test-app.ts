// Builds a sitroom for a test: the real store in memory, a config from an object (validated by the
// real schema), a silent logger and a clock the test controls.
import { createSitroom, type Sitroom } from '../../src/app.js';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import type { Reply } from '../../src/chat/reply.js';
import type { ChatUser } from '../../src/commands/command.js';
import { loadBaselineDocuments, type BaselineDocument } from '../../src/config/load-baseline.js';
import { loadConfigFile, validateConfig } from '../../src/config/load-config.js';
import type { FeedNetwork } from '../../src/feeds/address-guard.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { openStore, type Store } from '../../src/store/open-store.js';

export interface TestClock {
  now: () => number;
  set(iso: string): void;
  advance(ms: number): void;
}

export function createTestClock(startIso = '2022-01-10T12:00:00Z'): TestClock {
  let current = Date.parse(startIso);
  return { now: () => current, set: (iso) => void (current = Date.parse(iso)), advance: (ms) => void (current += ms) };
}

export interface TestApp {
  sitroom: Sitroom;
  store: Store;
  clock: TestClock;
  /** Runs a chat command as a plain user (or an admin) and returns the neutral reply. */
  ask(line: string, options?: { isAdmin?: boolean }): Promise<Reply>;
  close(): void;
}

export const TEST_USER: ChatUser = { id: 'console:tester', name: 'tester' };

export async function createTestApp(config: Record<string, unknown> = {}, options: { dbPath?: string; clock?: TestClock; configPath?: string; baselineDocuments?: BaselineDocument[]; feedNetwork?: FeedNetwork } = {}): Promise<TestApp> {
  const store = openStore(options.dbPath ?? ':memory:');
  const clock = options.clock ?? createTestClock();
  const sitroom = await createSitroom({
    config: validateConfig(config, 'test config'),
    configPath: options.configPath ?? 'config/sitroom.yaml',
    store,
    baselineDocuments: options.baselineDocuments ?? [],
    log: createSilentLogger(),
    now: clock.now,
    feedNetwork: options.feedNetwork,
  });
  return {
    sitroom,
    store,
    clock,
    ask: (line, askOptions = {}) => sitroom.ask(line, TEST_USER, { isAdmin: askOptions.isAdmin ?? false }),
    close: () => store.close(),
  };
}

/** The bundled config (with these top-level sections replaced) and baseline, the sample feeds polled, as a fresh install would have them. */
export async function createPolledTestApp(config: Record<string, unknown> = {}): Promise<TestApp> {
  const bundled = loadConfigFile('config/sitroom.yaml') as unknown as Record<string, unknown>;
  const app = await createTestApp({ ...bundled, ...config }, { configPath: 'config/sitroom.yaml', baselineDocuments: loadBaselineDocuments('config/baseline') });
  await app.sitroom.pollScheduledFeeds();
  return app;
}

/** What a user sees for a chat command, as plain text; an admin by default. */
export async function shownText(app: TestApp, line: string, isAdmin = true): Promise<string> {
  return renderPlainText(await app.ask(line, { isAdmin }));
}
