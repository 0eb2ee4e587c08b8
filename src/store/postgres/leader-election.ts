// One leader among the instances sharing a database, for the work that must happen in order
// (assessment, story clustering, digests): whoever holds a session advisory lock on a connection of
// its own. The others try again every tick, so when the leader's connection dies (its process
// killed, its backend terminated) the server drops the lock and another instance leads within a
// tick or two.
import type pg from 'pg';
import { holdDedicatedConnection } from './dedicated-connection.js';

/** pg_try_advisory_lock's key for leadership ("sitroom" in ASCII, then 2; 1 is migrations). */
export const LEADER_LOCK: [number, number] = [0x73697472, 2];

export interface LeaderElectionOptions {
  connect(): Promise<pg.Client>;
  /** How often a follower tries for the lock, and the leader checks it still has its session. */
  tickMs?: number;
  /** Called when this instance becomes leader (true) and when it stops being one (false). */
  onChange(leading: boolean): void;
}

export interface LeaderElection {
  isLeader(): boolean;
  /** Stops trying; a leader gives the lock up by closing its connection. */
  stop(): Promise<void>;
}

export function startLeaderElection(options: LeaderElectionOptions): LeaderElection {
  let leading = false;
  const become = (next: boolean): void => {
    if (leading === next) return;
    leading = next;
    options.onChange(next);
  };
  const connection = holdDedicatedConnection({
    connect: options.connect,
    tickMs: options.tickMs ?? 1_000,
    onConnected: async () => undefined,
    async onTick(client) {
      if (leading) {
        // The lock lives as long as this session; a round trip shows the session still does.
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS got', LEADER_LOCK);
      if (rows[0]?.got) become(true);
    },
    onLost: () => become(false),
  });
  return {
    isLeader: () => leading,
    async stop() {
      await connection.stop();
      become(false);
    },
  };
}
