// A connection of its own that an instance keeps open for a session-bound duty (holding the leader's
// advisory lock, listening for changes), checked every tick and opened again when it dies: a
// database restart, a network cut or pg_terminate_backend ends the duty, never the process.
import type pg from 'pg';

export interface DedicatedConnectionOptions {
  connect(): Promise<pg.Client>;
  /** How often the connection is checked (and, when lost, opened again). */
  tickMs: number;
  /** Runs once on each new connection; a throw counts as losing it. */
  onConnected(client: pg.Client): Promise<void>;
  /** Runs every tick on a live connection; it should make a round trip, so a dead one is noticed. */
  onTick(client: pg.Client): Promise<void>;
  /** The connection went away (and with it whatever the session held). */
  onLost(error: unknown): void;
}

export interface DedicatedConnection {
  stop(): Promise<void>;
}

export function holdDedicatedConnection(options: DedicatedConnectionOptions): DedicatedConnection {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const lose = (lost: pg.Client, error: unknown): void => {
    if (client !== lost) return;
    client = undefined;
    lost.end().catch(() => undefined);
    if (!stopped) options.onLost(error);
  };

  const tick = async (): Promise<void> => {
    const current = client;
    if (current) {
      await options.onTick(current).catch((error: unknown) => lose(current, error));
      return;
    }
    let opened: pg.Client;
    try {
      opened = await options.connect();
    } catch {
      return;
    }
    if (stopped) {
      await opened.end().catch(() => undefined);
      return;
    }
    client = opened;
    opened.on('error', (error) => lose(opened, error));
    opened.on('end', () => lose(opened, new Error('connection ended')));
    await options.onConnected(opened).catch((error: unknown) => lose(opened, error));
  };

  const schedule = (): void => {
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(schedule, options.tickMs);
    });
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
