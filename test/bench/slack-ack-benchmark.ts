// Slack's 3-second rule, measured: from a signed /who or /timeline request reaching the Slack
// adapter's Bolt app (HTTP mode on 127.0.0.1) to its ack, with 100,000 items' knowledge stored.
// Answers under 2 s come in the ack, so this is the time until the asker sees the answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSlackAdapter } from '../../src/chat/slack/start-slack-adapter.js';
import { openStore } from '../../src/store/open-store.js';
import { signedCommandRequest } from '../chat/slack/slack-test-session.js';
import { startFakeSlackApi } from '../support/fake-slack-api.js';
import { measureLatencies, type Benchmark, type Measurement } from './benchmark.js';
import { createBenchSitroom, storeSyntheticItems, syntheticPersonName } from './generate-item-extracts.js';

const ITEM_COUNT = 100_000;
const REQUESTS = 200;
const SIGNING_SECRET = 'bench-signing-secret';

export const slackAckBenchmark: Benchmark = {
  name: `Slack: signed slash command to ack, ${ITEM_COUNT.toLocaleString('en-GB')} stored items`,
  async run(): Promise<Measurement[]> {
    const folder = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-slack-'));
    const store = openStore(path.join(folder, 'sitroom.db'));
    const fake = await startFakeSlackApi();
    try {
      await storeSyntheticItems(store, ITEM_COUNT);
      const sitroom = await createBenchSitroom(store);
      const adapter = await startSlackAdapter(sitroom, { botToken: fake.botToken, signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1', apiUrl: fake.apiUrl });
      const endpoint = `http://127.0.0.1:${adapter.port}/slack/events`;
      const slash = (command: string, text: string) => async () => {
        const response = await fetch(endpoint, signedCommandRequest(SIGNING_SECRET, { command, text, response_url: fake.responseUrl('bench') }));
        // An ack with the answer in it is JSON; an empty one would mean the answer took over 2 s.
        if (response.status !== 200 || !(await response.text()).startsWith('{')) throw new Error(`${command} ${text}: no answer in the ack (${response.status})`);
      };
      const indices = Array.from({ length: REQUESTS }, (_, index) => (index * 7919) % ITEM_COUNT);
      try {
        return [
          await measureLatencies('/who SURNAME', indices.map((index) => slash('/who', syntheticPersonName(index).split(' ')[1]!))),
          await measureLatencies('/who ushakov (the baseline)', indices.map(() => slash('/who', 'ushakov'))),
          await measureLatencies('/sitroom who ushakov (umbrella)', indices.map(() => slash('/sitroom', 'who ushakov'))),
          await measureLatencies('/timeline (latest 20)', indices.map(() => slash('/timeline', ''))),
          await measureLatencies('/timeline about PLACE last 20', indices.map((index) => slash('/timeline', `about ${['kharkiv', 'geneva', 'minsk', 'odesa'][index % 4]} last 20`))),
        ];
      } finally {
        await adapter.stop();
      }
    } finally {
      await fake.close();
      store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
