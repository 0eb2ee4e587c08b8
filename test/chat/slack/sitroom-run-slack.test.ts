// `sitroom run` with Slack's variables set, as a service runs it (no terminal, stdin closed): it
// starts the Slack adapter against SLACK_API_URL, answers signed slash commands and /healthz on PORT, keeps
// running after stdin ends, and stops cleanly on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { freePort, spawnSitroomRun, waitFor } from '../../support/spawned-sitroom.js';
import { signedCommandRequest } from './slack-test-session.js';

let fake: FakeSlackApi;
let folder: string;
beforeAll(async () => {
  fake = await startFakeSlackApi();
  folder = mkdtempSync(join(tmpdir(), 'sitroom-slack-run-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('sitroom run with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET', () => {
  it('answers /who ushakov from Slack, outlives closed stdin, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { output, exited, child } = spawnSitroomRun(join(folder, 'sitroom.db'), { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: 'run-secret', SLACK_API_URL: fake.apiUrl, PORT: String(port) });
    try {
      await waitFor(() => output().includes('slack adapter started'), 20_000, output);
      expect(fake.callsTo('auth.test').length).toBeGreaterThan(0);
      const answer = await fetch(`http://127.0.0.1:${port}/slack/events`, signedCommandRequest('run-secret', { command: '/who', text: 'ushakov', response_url: fake.responseUrl('run') }));
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('foreign policy adviser to Vladimir V. Putin');
      // Health checks share the port Slack's requests arrive on.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
