// What /healthz reports: the process answers, the database takes a real write, feeds have been
// polled recently enough, and every chat adapter is connected. Unhealthy when any of these fails.
import type { Store } from '../store/open-store.js';

export interface AdapterConnection {
  platform: string;
  connected(): boolean;
}

export interface HealthSources {
  store: Store;
  now: () => number;
  startedAt: number;
  adapters: () => readonly AdapterConnection[];
}

export interface HealthReport {
  healthy: boolean;
  /** Why it is unhealthy, one sentence each; empty when healthy. */
  problems: string[];
  uptimeSeconds: number;
  databaseWritable: boolean;
  lastSuccessfulPoll: { at: string | null; ageSeconds: number | null; staleAfterSeconds: number };
  adapters: { platform: string; connected: boolean }[];
}

/** A feed answering at its own pace still counts as fresh for three of its intervals. */
const INTERVALS_BEFORE_STALE = 3;
const MIN_STALE_AFTER_MS = 15 * 60 * 1000;

export async function checkHealth(sources: HealthSources): Promise<HealthReport> {
  const now = sources.now();
  const problems: string[] = [];

  const databaseError = await tryWrite(sources.store, now);
  if (databaseError) problems.push(`database not writable: ${databaseError}`);

  const feeds = (await sources.store.feeds.listScheduled()).filter((feed) => !feed.paused);
  const lastSuccessAt = Math.max(-Infinity, ...feeds.map((feed) => feed.lastSuccessAt ?? -Infinity));
  const staleAfterMs = Math.max(MIN_STALE_AFTER_MS, INTERVALS_BEFORE_STALE * 1000 * Math.max(0, ...feeds.map((feed) => feed.intervalSeconds)));
  // A fresh start is given the same time as a feed to succeed before it counts as stale.
  const quietForMs = now - Math.max(lastSuccessAt, sources.startedAt);
  if (feeds.length > 0 && quietForMs > staleAfterMs) {
    problems.push(`no feed polled successfully for ${Math.round(quietForMs / 60_000)} minutes (stale after ${Math.round(staleAfterMs / 60_000)})`);
  }

  const adapters = sources.adapters().map((adapter) => ({ platform: adapter.platform, connected: adapter.connected() }));
  for (const adapter of adapters) if (!adapter.connected) problems.push(`${adapter.platform} adapter not connected`);

  const polled = Number.isFinite(lastSuccessAt);
  return {
    healthy: problems.length === 0,
    problems,
    uptimeSeconds: Math.round((now - sources.startedAt) / 1000),
    databaseWritable: !databaseError,
    lastSuccessfulPoll: {
      at: polled ? new Date(lastSuccessAt).toISOString() : null,
      ageSeconds: polled ? Math.round((now - lastSuccessAt) / 1000) : null,
      staleAfterSeconds: staleAfterMs / 1000,
    },
    adapters,
  };
}

/** A read says little about a full disk or a read-only volume; a small write says it all. */
async function tryWrite(store: Store, now: number): Promise<string | undefined> {
  try {
    await store.botState.set('health.checkedAt', new Date(now).toISOString());
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
