// /config export as an admin reads and copies it: YAML with durations as written (5m, not 300), sent as
// a code block on Slack and Discord so nothing in it is split mid-line, escaped or formatted.
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { renderDiscordMessages } from '../../src/chat/discord/render-discord-messages.js';
import type { Reply } from '../../src/chat/reply.js';
import { renderSlackMessages } from '../../src/chat/slack/render-block-kit.js';
import { validateConfig } from '../../src/config/load-config.js';
import { createPolledTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
let exported: Reply;
beforeAll(async () => {
  app = await createPolledTestApp();
  await app.ask('/keywords add emphasis x-ray under_score star*', { isAdmin: true });
  exported = await app.ask('/config export');
});
afterAll(() => app.close());

describe('/config export', () => {
  it('writes durations as an admin writes them, and loads back to the same setup', () => {
    const yaml = exported.data as string;
    expect(yaml).toContain('  defaultInterval: 5m\n');
    expect(yaml).toContain('  timeout: 20s\n');
    expect(yaml).toContain('  maxBackoff: 6h\n');
    expect(validateConfig(parse(yaml), 'export')).toEqual(app.sitroom.services.config());
  });

  it('shows the YAML exactly as written in the console', () => {
    expect(renderPlainText(exported)).toContain(`\n${exported.data as string}`.trimEnd());
  });

  it('is a code block on Slack and on Discord, its list markers and stars untouched', async () => {
    const slack = renderSlackMessages(exported).flatMap((message) => message.blocks).map((block) => (block.type === 'section' ? (block.text?.text ?? '') : ''));
    const code = slack.filter((text) => text.startsWith('```'));
    expect(code.length).toBeGreaterThan(0);
    expect(code.every((text) => text.startsWith('```\n') && text.endsWith('\n```'))).toBe(true);
    expect(code.join('\n')).toContain('      - x-ray\n      - under_score\n      - star*');

    const discord = (await renderDiscordMessages(exported)).flatMap((message) => message.embeds).map((embed) => embed.description ?? '').join('\n');
    expect(discord).toContain('```\n');
    expect(discord).toContain('      - x-ray\n      - under_score\n      - star*');
    expect(discord).not.toContain('\\-');
  });
});
