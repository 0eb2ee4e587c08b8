// Slash commands as Discord members send them, with 100,000 items' knowledge stored: the time from an
// INTERACTION_CREATE on the gateway to the interaction callback the fake Discord receives (real discord.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDiscordAdapter } from '../../src/chat/discord/discord-adapter.js';
import { openStore } from '../../src/store/open-store.js';
import { startFakeDiscord } from '../support/fake-discord-api.js';
import { FAKE_APPLICATION_ID, FAKE_GUILD_ID, interactionPayload, type InteractionInput } from '../support/fake-discord-payloads.js';
import { measureLatencies, type Benchmark, type Measurement } from './benchmark.js';
import { createBenchSitroom, storeSyntheticItems, syntheticPersonName } from './generate-item-extracts.js';

const ITEM_COUNT = 100_000;
const INTERACTIONS = 200;
const TOKEN = 'bench-token';
const STRING = 3;

export const discordInteractionBenchmark: Benchmark = {
  name: `Discord interaction to callback, ${ITEM_COUNT.toLocaleString('en-GB')} stored items (real discord.js, fake Discord on 127.0.0.1)`,
  async run(): Promise<Measurement[]> {
    const folder = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-discord-'));
    const fake = await startFakeDiscord({ token: TOKEN });
    const store = openStore(path.join(folder, 'sitroom.db'));
    try {
      await storeSyntheticItems(store, ITEM_COUNT);
      const sitroom = await createBenchSitroom(store);
      const adapter = await startDiscordAdapter(sitroom, { token: TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: FAKE_GUILD_ID, apiUrl: fake.apiUrl });
      const invoke = (input: InteractionInput) => async () => {
        const { id, token, data } = interactionPayload(input);
        fake.dispatch('INTERACTION_CREATE', data);
        await fake.waitForRequest((request) => request.path === `/interactions/${id}/${token}/callback`, 10_000);
      };
      const indices = Array.from({ length: INTERACTIONS }, (_, index) => (index * 7919) % ITEM_COUNT);
      const measurements = [
        await measureLatencies('/who name:SURNAME', indices.map((index) => invoke({ command: 'who', options: [{ name: 'name', type: STRING, value: syntheticPersonName(index).split(' ')[1]! }] }))),
        await measureLatencies('/who name:ushakov (the baseline)', indices.map(() => invoke({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }] }))),
        await measureLatencies('/timeline (latest 20)', indices.map(() => invoke({ command: 'timeline' }))),
        await measureLatencies(
          '/timeline about:PLACE last:20',
          indices.map((index) => invoke({ command: 'timeline', options: [{ name: 'about', type: STRING, value: ['kharkiv', 'geneva', 'minsk', 'odesa'][index % 4]! }, { name: 'last', type: 4, value: 20 }] })),
        ),
      ];
      await adapter.stop();
      return measurements;
    } finally {
      store.close();
      await fake.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
