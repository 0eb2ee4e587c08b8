// Slack and Discord in one process, as `sitroom run` starts them with both tokens: each adapter's
// HTTP stack must leave the other's alone, so a Discord post with a chart still goes out.
import { describe, expect, it } from 'vitest';
// Slack's modules load first, as in `sitroom run`: they bring undici 7, which installs its dispatcher process-wide.
import { startSlackTestSession, visibleText } from './slack/slack-test-session.js';
import { createAppBeforeSitrep, postDueSitrep, startDiscordScenario } from './discord/discord-scenario.js';

describe('Slack and Discord started together', () => {
  it('posts the Discord sitrep with its chart, and answers Slack commands, with both adapters running', async () => {
    const app = await createAppBeforeSitrep();
    const slack = await startSlackTestSession(app.sitroom);
    const discord = await startDiscordScenario(app);
    try {
      const posts = await postDueSitrep(app, discord);
      expect(posts.flatMap((post) => post.files)[0]?.bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(visibleText((await slack.sendCommand('/who', 'ushakov')).json)).toContain('Ushakov');
    } finally {
      await discord.stop();
      await slack.stop();
      app.close();
    }
  });
});
