// Feeds written to hurt, served over HTTP on 127.0.0.1: markup that used to take regexes
// quadratic time, attribute values that leaked into text, nesting that overflowed the XML parser,
// and terminal escape sequences. What a user sees in /feeds and /news afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// One server for the file; each test serves its own path and gets its own sitroom.
let server: FeedServer;
const apps: TestApp[] = [];
beforeAll(async () => void (server = await startFeedServer()));
afterEach(() => apps.splice(0).forEach((app) => app.close()));
afterAll(() => server.close());

const ESC = '\x1b';
const BEL = '\x07';
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** An RSS document whose items are written as raw XML, so a test can put anything in them. */
function rawRss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>\n${items.join('\n')}\n</channel></rss>`;
}

function cdataItem(guid: string, title: string, description: string): string {
  return `<item><guid isPermaLink="false">${guid}</guid><title><![CDATA[${title}]]></title><description><![CDATA[${description}]]></description></item>`;
}

async function appFor(path: string): Promise<TestApp> {
  const app = await createTestApp({ feeds: [{ name: 'Hostile', url: server.url(path) }], keywords: [{ name: 'military', terms: ['troops', 'shelling'] }], polling: { timeout: 5, allowAddresses: ['127.0.0.1'] } });
  apps.push(app);
  return app;
}

async function storedText(testApp: TestApp, guid: string): Promise<string | undefined> {
  return (await testApp.store.items.latest(10)).find((item) => item.guid === guid)?.text;
}

describe('HTML in descriptions is read by a parser, not by regexes', () => {
  // Each of these froze the process for 25 s or more with the old regexes: the test's time limit is the
  // check, set well under that and well above the 2-5 s a loaded machine takes now.
  it('reads 256 KB of unclosed comments, scripts and tags at once, keeping the text before them', { timeout: 15_000 }, async () => {
    const quarterMegabyte = 256 * 1024;
    server.serve('/markup.xml', rawRss([
      cdataItem('comments', 'Shelling in the east', `Troops shelled the town.${'<!--'.repeat(quarterMegabyte / 4)}`),
      cdataItem('scripts', 'Troops on the move', `Columns seen at dawn.${'<script>'.repeat(quarterMegabyte / 8)}`),
      cdataItem('tags', 'Troops regroup', `Units regroup.${'<a '.repeat(quarterMegabyte / 3)}`),
    ]));
    const testApp = await appFor('/markup.xml');
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.status).toBe('stored');
    expect(await storedText(testApp, 'comments')).toBe('Troops shelled the town.');
    expect(await storedText(testApp, 'scripts')).toBe('Columns seen at dawn.');
    expect(await storedText(testApp, 'tags')).toBe('Units regroup.');
  });

  it('keeps attribute values out of the text, even with a ">" inside them', async () => {
    server.serve('/alt.xml', rawRss([cdataItem('alt', 'Troops cross the river', '<p><img alt="a > b" src=x>Troops crossed at dawn.</p><p title="x > y">Bridges held.</p>')]));
    const testApp = await appFor('/alt.xml');
    await testApp.sitroom.pollScheduledFeeds();
    expect(await storedText(testApp, 'alt')).toBe('Troops crossed at dawn.\nBridges held.');
  });
});

describe('deeply nested XML is refused before it reaches the XML parser', () => {
  // 40,000 nested <b> took the old parser 25-31 s and then overflowed the stack: the time limit is the check.
  it('records a clear error in /feeds and /status and keeps what was stored before', { timeout: 15_000 }, async () => {
    let body = rawRss([cdataItem('before', 'Troops arrive', 'The first report.')]);
    server.route('/deep.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
    const testApp = await appFor('/deep.xml');
    await testApp.sitroom.pollScheduledFeeds();
    expect(await testApp.store.items.count()).toBe(1);

    body = rawRss([`<item><guid>deep</guid><title>${'<b>'.repeat(40_000)}Troops${'</b>'.repeat(40_000)}</title></item>`]);
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.status).toBe('failed');
    const refusal = 'the document nests elements more than 100 deep; refused as unsafe';
    expect(renderPlainText(await testApp.ask('/feeds'))).toContain(refusal);
    expect(renderPlainText(await testApp.ask('/status'))).toContain(`Hostile: ${refusal}`);
    expect(await testApp.store.items.count()).toBe(1);
    expect(await storedText(testApp, 'before')).toBe('The first report.');
  });
});

describe('control characters in feed text never reach a reader', () => {
  it('strips screen clears, window titles, clipboard writes and bidi overrides from titles, text and the feed name', async () => {
    const screenClear = `${ESC}[2J${ESC}[H`;
    const windowTitle = `${ESC}]0;you have been hacked${BEL}`;
    const clipboardWrite = `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==${ESC}\\`;
    server.serve('/escapes.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Wire${screenClear}</title><link>https://hostile.example/</link>
      ${cdataItem('raw', `Troops${screenClear} mass${windowTitle} at the border${clipboardWrite}`, `Shelling ${ESC}c reported\u202e by witnesses.`)}
      <item><guid>entities</guid><title>Troops&#27;[2J withdraw&#x9b;2J</title><description>Shelling&#x1b;]52;c;ZXZpbA==&#7; stops.</description></item>
    </channel></rss>`);
    const testApp = await appFor('/escapes.xml');
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.status === 'stored' && (await Promise.all(outcome.newItems.map(async (item) => [item.title, (await testApp.store.items.byId(item.id))?.text])))).toEqual([
      ['Troops mass at the border', 'Shelling reported by witnesses.'],
      ['Troops withdraw', 'Shelling stops.'],
    ]);
    const tried = renderPlainText(await testApp.ask(`/feeds test ${server.url('/escapes.xml')}`));
    expect(tried).toContain('“Wire”');
    expect(tried).not.toMatch(CONTROL);
  });
});
