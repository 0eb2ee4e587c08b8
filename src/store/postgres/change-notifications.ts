// How a change to shared state made by one instance reaches the others: the writing transaction
// bumps a commit-ordered number and notifies it (LISTEN/NOTIFY delivers at commit, in commit order).
// A follower expects each number after the last it saw; a jump means it missed some (its connection
// dropped, or it was not listening yet), and it reads the state again rather than trusting its copy.
import { CompiledQuery, type Transaction } from 'kysely';
import type pg from 'pg';
import type { StoreDatabase } from '../sql/store-database.js';
import { holdDedicatedConnection } from './dedicated-connection.js';

export const CHANGES_CHANNEL = 'sitroom_changes';

export interface Change {
  sequence: number;
  /** What changed, for the follower to refresh: e.g. 'subscriptions', 'config', 'knowledge'. */
  topic: string;
}

/**
 * Call inside the writing transaction, as its last statement: the counter's row lock queues the
 * writers from here to their commit, so the numbers follow commit order, and a rolled-back
 * transaction leaves no gap.
 */
export function recordChange(client: pg.ClientBase, topic: string): Promise<number> {
  return bumpAndNotify(async (text, values) => (await client.query(text, values)).rows, topic);
}

/** The same, in a transaction of the portable stores (a change made from chat). */
export function recordChangeInTransaction(trx: Transaction<StoreDatabase>, topic: string): Promise<number> {
  return bumpAndNotify(async (text, values) => (await trx.executeQuery(CompiledQuery.raw(text, values))).rows, topic);
}

async function bumpAndNotify(run: (text: string, values: unknown[]) => Promise<unknown[]>, topic: string): Promise<number> {
  const rows = (await run('UPDATE change_sequence SET last_change = last_change + 1 RETURNING last_change', [])) as { last_change: number }[];
  const sequence = rows[0]!.last_change;
  await run('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify({ sequence, topic } satisfies Change)]);
  return sequence;
}

export interface ChangeFollowerOptions {
  connect(): Promise<pg.Client>;
  tickMs?: number;
  /** The next change, in order. */
  onChange(change: Change): void;
  /** Changes after `lastSeen` up to `upTo` were missed: read the shared state again. */
  onMissed(lastSeen: number, upTo: number): void;
}

export interface ChangeFollower {
  /** The number of the last change this follower has accounted for. */
  lastSeen(): number;
  /** Resolves once it listens: every change committed from then on reaches it. */
  following: Promise<void>;
  stop(): Promise<void>;
}

/** Follows from the change current when it first connects: what came before is in the state it read. */
export function followChanges(options: ChangeFollowerOptions): ChangeFollower {
  let lastSeen: number | undefined;
  let readAtLastTick = 0;
  let listening!: () => void;
  const following = new Promise<void>((resolve) => (listening = resolve));
  const accountFor = (sequence: number, change?: Change): void => {
    if (lastSeen === undefined) {
      lastSeen = sequence;
      return;
    }
    if (sequence <= lastSeen) return;
    if (change && sequence === lastSeen + 1) options.onChange(change);
    else options.onMissed(lastSeen, sequence);
    lastSeen = sequence;
  };
  const connection = holdDedicatedConnection({
    connect: options.connect,
    tickMs: options.tickMs ?? 1_000,
    async onConnected(client) {
      client.on('notification', (message) => {
        if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
        const change = JSON.parse(message.payload) as Change;
        accountFor(change.sequence, change);
      });
      // Listening first, then reading the number: nothing committed in between goes unseen.
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      accountFor(await currentSequence(client));
      listening();
    },
    // A round trip notices a dead connection. A change committed just before it may be read here
    // before its notification arrives, so the number read is trusted one tick later.
    async onTick(client) {
      const readBefore = readAtLastTick;
      readAtLastTick = await currentSequence(client);
      accountFor(readBefore);
    },
    onLost: () => undefined,
  });
  return { lastSeen: () => lastSeen ?? 0, following, stop: () => connection.stop() };
}

async function currentSequence(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ last_change: number }>('SELECT last_change FROM change_sequence');
  return rows[0]!.last_change;
}
