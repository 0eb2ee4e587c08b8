// Two sitroom instances answering commands over one PostgreSQL database: a /subscribe made on one
// is what the other reads, and a keyword rule changed from chat on one is in effect on the other
// within a second, told by LISTEN/NOTIFY. Each instance keeps what is still on SQLite alone (items,
// knowledge) in memory of its own, so they only answer here ('reads'): neither polls nor assesses.
// Nothing depends on which instance connects first: each step waits for its condition, with a bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSitroom, type Sitroom } from '../../../src/app.js';
import { renderPlainText } from '../../../src/chat/console/render-plain-text.js';
import { validateConfig } from '../../../src/config/load-config.js';
import { createSilentLogger } from '../../../src/log/create-logger.js';
import { openStore, type Store } from '../../../src/store/open-store.js';
import type { ChangeFollower } from '../../../src/store/postgres/change-notifications.js';
import { openPostgresStore } from '../../../src/store/postgres/open-postgres-store.js';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.js';
import { createTestClock, TEST_USER } from '../../support/test-app.js';

interface Instance {
  sitroom: Sitroom;
  follower: ChangeFollower;
  ask(line: string): Promise<string>;
  close(): Promise<void>;
}

const CONFIG = { keywords: [{ name: 'ukraine', terms: ['Ukraine', 'Kyiv'] }], admins: { users: [TEST_USER.id] } };

let server: PostgresServer;
let url: string;
const instances: Instance[] = [];
beforeAll(async () => {
  server = await startPostgresServer();
  url = await server.createDatabase();
}, 60_000);
afterAll(async () => {
  for (const instance of instances) await instance.close();
  await server?.stop();
});

async function startInstance(): Promise<Instance> {
  const shared = await openPostgresStore(url, 4);
  const local = openStore(':memory:');
  const { followSetupChanges, close: closeShared, ...portable } = shared;
  const store: Store = { ...local, ...portable, close: () => local.close() };
  const sitroom = await createSitroom({ config: validateConfig(CONFIG, 'test config'), configPath: 'config/sitroom.yaml', store, baselineDocuments: [], log: createSilentLogger(), now: createTestClock().now, use: 'reads' });
  // Reloads run one after another, and closing waits for the last: a reload must not outlive the pool.
  let reloading = Promise.resolve();
  const follower = followSetupChanges(() => {
    reloading = reloading.then(() => sitroom.reloadSetup());
  }, { tickMs: 200 });
  const instance: Instance = {
    sitroom,
    follower,
    ask: async (line) => renderPlainText(await sitroom.ask(line, TEST_USER, { channel: 'console:ops' })),
    async close() {
      await follower.stop();
      await reloading;
      await closeShared();
      local.close();
    },
  };
  instances.push(instance);
  return instance;
}

/** Asks until the answer satisfies the check, for at most boundMs; the last answer otherwise. */
async function askUntil(instance: Instance, line: string, check: (answer: string) => boolean, boundMs: number): Promise<string> {
  const until = Date.now() + boundMs;
  let answer = await instance.ask(line);
  while (!check(answer) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    answer = await instance.ask(line);
  }
  return answer;
}

describe('two instances on one PostgreSQL database', { timeout: 60_000 }, () => {
  it('answer the same subscriptions, and a keyword rule changed on one is in effect on the other within a second', async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    await Promise.all([first.follower.following, second.follower.following]);

    expect(await first.ask('/subscribe alerts urgent')).toContain('Done: this channel gets an alert for each urgent new story');
    expect(await second.ask('/subscriptions')).toContain('console:ops');

    expect(await second.ask('/keywords test "Shelling near Kharkiv"')).toContain('Matches no rule.');
    expect(await first.ask('/keywords add ukraine Kharkiv')).toContain('Done: added to ukraine: Kharkiv.');
    const startedAt = Date.now();
    const answer = await askUntil(second, '/keywords test "Shelling near Kharkiv"', (text) => !text.includes('Matches no rule.'), 5_000);
    expect(answer).toContain('✓ ukraine');
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});
