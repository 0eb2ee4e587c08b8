// Text on PostgreSQL compares as on SQLite (bytes), even in a database whose locale orders it
// otherwise: the test server's databases are in the C locale, so this one is made with ICU's en-US,
// where lower case comes before upper case and ";" before ":".
import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/chat/reply.js';
import { postgresStoreForFile } from '../../support/store-engines.js';

const opened = postgresStoreForFile({ icuLocale: 'en-US' });

describe('text order on PostgreSQL in a database with an ICU locale', () => {
  it('lists channels in SQLite\'s order, capitals first', async () => {
    for (const channel of ['slack:c1', 'slack:C2', 'discord:10', 'discord:9', 'slack:C1']) await opened.store.subscriptions.change(channel, { alerts: { minSeverity: 'urgent' } }, 'console:admin', 1);
    expect((await opened.store.subscriptions.list()).map((subscription) => subscription.channel)).toEqual(['discord:10', 'discord:9', 'slack:C1', 'slack:C2', 'slack:c1']);
  });

  it('finds a platform\'s pending posts by the range of its channel keys', async () => {
    await opened.store.deliveries.enqueue({ key: 'digest:slack:C1:2022-01-11', channel: 'slack:C1', kind: 'digest', message: reply('Sitrep', []) }, 100);
    expect(await opened.store.deliveries.claimNext('slack', 100, 1_000)).toMatchObject({ channel: 'slack:C1' });
  });
});
