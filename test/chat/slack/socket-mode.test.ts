// Socket Mode through Bolt's own SocketModeReceiver: the app opens its connection through the fake
// Web API (apps.connections.open with the app token), is greeted on a fake WebSocket on 127.0.0.1, and
// answers a slash command sent there in its acknowledgement, as in HTTP mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter, type SlackAdapter } from '../../../src/chat/slack/start-slack-adapter.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { startFakeSocketMode, type FakeSocketMode } from '../../support/fake-socket-mode.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { loadBaselineDocuments } from '../../../src/config/load-baseline.js';
import { visibleText } from './slack-test-session.js';

const APP_TOKEN = 'xapp-1-test-app-token';

let app: TestApp;
let socket: FakeSocketMode;
let fake: FakeSlackApi;
let adapter: SlackAdapter;
beforeAll(async () => {
  app = await createTestApp({}, { baselineDocuments: loadBaselineDocuments('config/baseline') });
  socket = await startFakeSocketMode();
  fake = await startFakeSlackApi({ socketMode: { appToken: APP_TOKEN, url: socket.url } });
  adapter = await startSlackAdapter(app.sitroom, { botToken: fake.botToken, appToken: APP_TOKEN, apiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  await socket.connected();
});
afterAll(async () => {
  await adapter.stop();
  await socket.close();
  await fake.close();
  app.close();
});

describe('Slack in Socket Mode', () => {
  it('connects with the app token, listens on no port, and answers /who ushakov in the acknowledgement', async () => {
    expect(fake.callsTo('apps.connections.open').map((call) => call.token)).toEqual([APP_TOKEN]);
    expect(adapter.port).toBeUndefined();
    const answer = await socket.send('slash_commands', {
      token: 'legacy-verification-token',
      team_id: 'T0TEST',
      team_domain: 'sitroom-test',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: 'U0READER',
      user_name: 'reader',
      command: '/who',
      text: 'ushakov',
      api_app_id: 'A0SITROOM',
      is_enterprise_install: 'false',
      response_url: fake.responseUrl('socket-1'),
      trigger_id: '1.2.3',
    });
    expect(answer?.response_type).toBe('ephemeral');
    expect(visibleText(answer)).toContain('foreign policy adviser to Vladimir V. Putin');
  });
});
