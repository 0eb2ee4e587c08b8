// /status, /feeds, /keywords and /help as a chat user sees them (rendered as the console shows them).
import { afterEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { createPolledTestApp, createTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
afterEach(() => app?.close());

const config = {
  feeds: [{ name: 'Sample World Wire', url: 'config/sample-feeds/world-wire.xml' }],
  keywords: [
    { name: 'kyiv', terms: ['Kyiv'], aliases: { Kyiv: ['Kiev'] }, exclude: ['chicken Kiev'] },
    { name: 'military', terms: ['troops'] },
  ],
};

describe('core commands', () => {
  it('/status before any poll says so', async () => {
    app = await createTestApp(config);
    const shown = renderPlainText(await app.ask('/status'));
    expect(shown).toContain('Feeds:         1 scheduled, 0 failing, 0 paused');
    expect(shown).toContain('Items stored:  0 (0 matched keywords)');
    expect(shown).toContain('Last poll:     not yet');
  });

  it('/feeds after a poll shows the item count and the next fetch', async () => {
    app = await createTestApp(config, { configPath: 'sitroom.yaml' });
    await app.sitroom.pollScheduledFeeds();
    app.clock.advance(60_000);
    expect(renderPlainText(await app.ask('/feeds'))).toBe(
      ['Feeds (1)', '─────────', '• ✓ Sample World Wire <config/sample-feeds/world-wire.xml>', '    6 items · fetched 1 min ago · next in 2 min'].join('\n'),
    );
  });

  it('/keywords lists the rules with aliases and exclusions', async () => {
    app = await createTestApp(config);
    expect(renderPlainText(await app.ask('/keywords'))).toBe(
      ['Keyword rules (2)', '─────────────────', '• kyiv', '    terms: Kyiv (Kiev) · excludes: chicken Kiev', '• military', '    terms: troops'].join('\n'),
    );
  });

  it('/keywords test explains matches and exclusions', async () => {
    app = await createTestApp(config);
    expect(renderPlainText(await app.ask('/keywords test "troops seen near Kiev"'))).toContain('Matches kyiv, military.');
    const excluded = renderPlainText(await app.ask('/keywords test "chicken Kiev for dinner"'));
    expect(excluded).toContain('Matches no rule.');
    expect(excluded).toContain('✗ kyiv\n    found Kyiv (as "Kiev"); excluded by "chicken Kiev"');
  });

  it('/keywords test shows the text a regex matched', async () => {
    app = await createTestApp({ keywords: [{ name: 'cyber', terms: ['hackers'], regex: ['ddos\\w*'] }] });
    expect(renderPlainText(await app.ask('/keywords test "Ministries DDoSed overnight"'))).toContain('found /ddos\\w*/ (as "ddosed")');
  });

  it('/keywords with an unknown rule names the rules there are', async () => {
    app = await createTestApp(config);
    const answer = await app.ask('/keywords list nato');
    expect(answer.tone).toBe('error');
    expect(renderPlainText(answer)).toBe('✗ No keyword rule named "nato".\n  Rules: kyiv, military');
  });

  it('/feeds test fetches a feed of the config file as the poller does, a local path too, by its address or its name', async () => {
    app = await createPolledTestApp();
    for (const feed of ['sample-feeds/world-wire.xml', '"Sample World Wire"']) {
      expect(renderPlainText(await app.ask(`/feeds test ${feed}`))).toMatch(/^Feed test: .*\n─+\n“Sample World Wire”: 6 items\./);
    }
    expect(renderPlainText(await app.ask('/feeds test sample-feeds/../../package.json'))).toMatch(/^✗ sample-feeds\/..\/..\/package.json is not a working feed: only http\(s\) feeds can be added from chat/);
  });

  it('/help lists the commands, and the umbrella /sitroom form reaches the same commands', async () => {
    app = await createTestApp(config);
    const help = renderPlainText(await app.ask('/help'));
    expect(help).toContain('• /status\n    Health at a glance');
    expect(renderPlainText(await app.ask('/sitroom keywords list kyiv'))).toContain('Keyword rule kyiv');
    expect(renderPlainText(await app.ask('/help feeds'))).toContain('Usage: /feeds');
  });

  it('/ alone is /help, /help of an unknown command says so, and a typo is offered every command as close', async () => {
    app = await createTestApp(config);
    expect(renderPlainText(await app.ask('/'))).toBe(renderPlainText(await app.ask('/help')));
    expect(renderPlainText(await app.ask('/help nosuch'))).toBe('✗ There is no command /nosuch.\n  Type /help for the list.');
    expect(renderPlainText(await app.ask('/help whp'))).toBe('✗ There is no command /whp.\n  Did you mean /why or /who? Type /help for the list.');
    expect(renderPlainText(await app.ask('/whp ushakov'))).toBe('✗ Unknown command /whp.\n  Did you mean /why or /who? Type /help for the list.');
  });
});
