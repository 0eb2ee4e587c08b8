// Pending posts shared by instances on PostgreSQL: while one instance's claim of the oldest post is
// under way (its row locked), another instance claims the next one instead of waiting for it or
// coming back empty. Deterministic: the first claim is held open by the test, not raced.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/chat/reply.js';
import { postgresStoreForFile } from '../../support/store-engines.js';

const opened = postgresStoreForFile();

describe('delivery claims on PostgreSQL', () => {
  it('pass over a post another instance is claiming and take the next one', async () => {
    for (const channel of ['slack:C1', 'slack:C2']) await opened.store.deliveries.enqueue({ key: `digest:${channel}:2022-01-11`, channel, kind: 'digest', message: reply('Sitrep', []) }, 100);
    const other = new pg.Client(opened.url);
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query("SELECT id FROM deliveries WHERE channel = 'slack:C1' FOR UPDATE");
      expect(await opened.store.deliveries.claimNext('slack', 200, 60_000)).toMatchObject({ channel: 'slack:C2' });
      await other.query('ROLLBACK');
      expect(await opened.store.deliveries.claimNext('slack', 200, 60_000)).toMatchObject({ channel: 'slack:C1' });
    } finally {
      await other.end();
    }
  });
});
