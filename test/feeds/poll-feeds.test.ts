// Polling real HTTP feeds on 127.0.0.1: what a user sees in /feeds and /status after good feeds,
// broken feeds and hostile feeds. No fetch is mocked.
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { nextPollAt } from '../../src/feeds/poll-feeds.js';
import { startFeedServer, rssFeed, type FeedServer } from '../support/feed-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let server: FeedServer;
let app: TestApp | undefined;

beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  app?.close();
  app = undefined;
  await server.close();
});

const GOOD_ITEMS = [
  { title: 'Russian troops mass near Kharkiv', link: 'https://news.example/1', guid: 'g1', description: '<p>About <b>100,000</b> troops &amp; tanks.</p>', pubDate: 'Mon, 10 Jan 2022 10:00:00 GMT' },
  { title: 'Geneva watch fair opens', link: 'https://news.example/2', guid: 'g2', pubDate: 'Mon, 10 Jan 2022 11:00:00 GMT' },
];

async function appWithFeeds(feeds: { name: string; path: string }[], polling: Record<string, unknown> = {}): Promise<TestApp> {
  app = await createTestApp({
    feeds: feeds.map((feed) => ({ name: feed.name, url: server.url(feed.path) })),
    keywords: [
      { name: 'russia', terms: ['Russia', 'Russian*'] },
      { name: 'military', terms: ['troops', 'tanks'] },
    ],
    polling: { timeout: 2, ...polling },
  });
  return app;
}

async function pollAndShowFeeds(testApp: TestApp): Promise<string> {
  await testApp.sitroom.pollScheduledFeeds();
  return renderPlainText(await testApp.ask('/feeds'));
}

describe('polling a working feed', () => {
  it('stores every item once, with the rules it matched and its text stripped of HTML', async () => {
    server.serve('/good.xml', rssFeed(GOOD_ITEMS));
    const testApp = await appWithFeeds([{ name: 'Good', path: '/good.xml' }]);
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.status).toBe('stored');
    expect(outcome?.newItems.map((item) => [item.title, item.keywords.map((match) => match.rule)])).toEqual([
      ['Russian troops mass near Kharkiv', ['russia', 'military']],
      ['Geneva watch fair opens', []],
    ]);
    expect((await testApp.store.items.latest(5)).find((item) => item.guid === 'g1')?.text).toBe('About 100,000 troops & tanks.');
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^sitroom\//);

    const again = await testApp.sitroom.pollScheduledFeeds();
    expect(again[0]?.newItems).toEqual([]);
    expect(await testApp.store.items.count()).toBe(2);
  });

  it('sends If-None-Match and If-Modified-Since and handles 304 Not Modified', async () => {
    const etag = '"v1"';
    const lastModified = 'Mon, 10 Jan 2022 12:00:00 GMT';
    server.route('/conditional.xml', (request, response) => {
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': lastModified }).end(rssFeed(GOOD_ITEMS));
    });
    const testApp = await appWithFeeds([{ name: 'Conditional', path: '/conditional.xml' }]);
    await testApp.sitroom.pollScheduledFeeds();
    const [second] = await testApp.sitroom.pollScheduledFeeds();
    expect(second?.status).toBe('not-modified');
    expect(server.requests[1]?.headers).toMatchObject({ 'if-none-match': etag, 'if-modified-since': lastModified });
    expect(renderPlainText(await testApp.ask('/feeds'))).toContain('✓ Conditional');
  });

  it('reads gzip-compressed answers', async () => {
    server.route('/gzip.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync(rssFeed(GOOD_ITEMS))));
    const testApp = await appWithFeeds([{ name: 'Gzipped', path: '/gzip.xml' }]);
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.newItems).toHaveLength(2);
  });

  it('resolves relative links against the feed', async () => {
    server.serve('/relative.atom', '<feed xmlns="http://www.w3.org/2005/Atom"><title>R</title><link href="https://site.example/news/"/><entry><title>Talks in Vienna</title><id>t1</id><link href="/2022/01/13/vienna"/></entry></feed>', 'application/atom+xml');
    const testApp = await appWithFeeds([{ name: 'Relative', path: '/relative.atom' }]);
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.newItems[0]?.url).toBe('https://site.example/2022/01/13/vienna');
  });

  it('follows a redirect to the feed', async () => {
    server.route('/old.xml', (_request, response) => response.writeHead(301, { location: '/new.xml' }).end());
    server.serve('/new.xml', rssFeed(GOOD_ITEMS));
    const testApp = await appWithFeeds([{ name: 'Moved', path: '/old.xml' }]);
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.newItems).toHaveLength(2);
  });
});

describe('items that need care', () => {
  it('stores a feed with 0 items as a healthy feed', async () => {
    server.serve('/empty.xml', rssFeed([]));
    const shown = await pollAndShowFeeds(await appWithFeeds([{ name: 'Empty', path: '/empty.xml' }]));
    expect(shown).toContain('✓ Empty');
    expect(shown).toContain('0 items');
  });

  it('keeps an item with no guid and no link, once', async () => {
    server.serve('/bare.xml', '<rss version="2.0"><channel><title>B</title><item><title>Russian drills begin</title><description>No link here.</description></item></channel></rss>');
    const testApp = await appWithFeeds([{ name: 'Bare', path: '/bare.xml' }]);
    await testApp.sitroom.pollScheduledFeeds();
    await testApp.sitroom.pollScheduledFeeds();
    expect((await testApp.store.items.latest(5)).map((item) => [item.title, item.url, item.guid])).toEqual([['Russian drills begin', null, null]]);
  });

  it('skips an item with neither title nor text and keeps the others', async () => {
    server.serve('/hollow.xml', '<rss version="2.0"><channel><title>H</title><item><guid>x</guid></item><item><title>Kept</title><guid>y</guid></item></channel></rss>');
    const testApp = await appWithFeeds([{ name: 'Hollow', path: '/hollow.xml' }]);
    const [outcome] = await testApp.sitroom.pollScheduledFeeds();
    expect(outcome?.status === 'stored' && outcome.skipped).toEqual([{ index: 0, reason: 'item has neither title nor text' }]);
    expect((await testApp.store.items.latest(5)).map((item) => item.title)).toEqual(['Kept']);
  });

  it('stores duplicate guids once, and a republished link once', async () => {
    server.serve('/dupes.xml', rssFeed([
      { title: 'First', guid: 'same', link: 'https://news.example/a' },
      { title: 'First again', guid: 'same', link: 'https://news.example/b' },
      { title: 'Republished', guid: 'new-guid', link: 'https://news.example/a' },
    ]));
    const testApp = await appWithFeeds([{ name: 'Dupes', path: '/dupes.xml' }]);
    await testApp.sitroom.pollScheduledFeeds();
    expect((await testApp.store.items.latest(5)).map((item) => item.title)).toEqual(['First']);
  });

  it('decodes windows-1251 and ISO-8859-1 feeds', async () => {
    const cyrillic = '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title><item><title>Россия стягивает войска</title><guid>c1</guid></item></channel></rss>';
    const latin = '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Zürich</title><item><title>Gespräche in Genf: Café-Treffen</title><guid>l1</guid></item></channel></rss>';
    server.serve('/cp1251.xml', Buffer.from(new TextEncoder1251().encode(cyrillic)), 'application/rss+xml');
    server.serve('/latin1.xml', Buffer.from(latin, 'latin1'), 'text/xml');
    const testApp = await appWithFeeds([{ name: 'Cyrillic', path: '/cp1251.xml' }, { name: 'Latin', path: '/latin1.xml' }]);
    const outcomes = await testApp.sitroom.pollScheduledFeeds();
    expect(outcomes.map((outcome) => outcome.newItems[0]?.title)).toEqual(['Россия стягивает войска', 'Gespräche in Genf: Café-Treffen']);
    expect(outcomes[0]?.newItems[0]?.keywords).toEqual([]);
  });
});

describe('bad feeds end as a recorded error, and the other feeds are all stored', () => {
  const cases: { name: string; setUp: (server: FeedServer) => void; polling?: Record<string, unknown>; error: string | RegExp }[] = [
    { name: 'a 404', setUp: () => undefined, error: 'HTTP 404 Not Found' },
    { name: 'a 500', setUp: (s) => s.route('/bad', (_q, r) => r.writeHead(500).end('boom')), error: 'HTTP 500 Internal Server Error' },
    { name: 'a server that never answers', setUp: (s) => s.route('/bad', () => undefined), polling: { timeout: 1 }, error: 'no complete answer within 1 s' },
    { name: 'a body over the size limit', setUp: (s) => s.serve('/bad', rssFeed(Array.from({ length: 200 }, (_, i) => ({ title: `Item ${i}`, guid: `${i}` })))), polling: { maxBodyBytes: 2000 }, error: 'the feed is larger than the 2 KB limit; not read' },
    {
      name: 'a body over the size limit without Content-Length',
      setUp: (s) => s.route('/bad', (_q, r) => {
        r.writeHead(200, { 'content-type': 'application/rss+xml' });
        for (let chunk = 0; chunk < 20; chunk++) r.write('x'.repeat(500));
        r.end();
      }),
      polling: { maxBodyBytes: 2000 },
      error: 'the feed is larger than the 2 KB limit; not read',
    },
    { name: 'an HTML page', setUp: (s) => s.serve('/bad', '<!DOCTYPE html><html><body>Welcome</body></html>', 'text/html; charset=utf-8'), error: 'got an HTML page (text/html; charset=utf-8), not a feed' },
    { name: 'malformed XML', setUp: (s) => s.serve('/bad', '<rss version="2.0"><channel><title>Broken</title><item><title>Unclosed</item></channel></rss>'), error: /^malformed feed XML: / },
    {
      name: 'an entity-expansion bomb',
      setUp: (s) => s.serve('/bad', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`),
      error: 'the document declares XML entities (<!ENTITY>); refused as unsafe',
    },
    { name: 'a redirect loop', setUp: (s) => { s.route('/bad', (_q, r) => r.writeHead(302, { location: '/loop' }).end()); s.route('/loop', (_q, r) => r.writeHead(302, { location: '/bad' }).end()); }, error: /^redirect loop: .*\/bad → .*\/loop → .*\/bad$/ },
    {
      name: 'too many redirects',
      setUp: (s) => {
        s.route('/bad', (_q, r) => r.writeHead(302, { location: '/hop1' }).end());
        for (let hop = 1; hop <= 7; hop++) s.route(`/hop${hop}`, (_q, r) => r.writeHead(302, { location: `/hop${hop + 1}` }).end());
      },
      error: /^more than 5 redirects/,
    },
    { name: 'a JSON document that is not a feed', setUp: (s) => s.serve('/bad', '{"hello": "world"}', 'application/json'), error: 'JSON document is not a JSON Feed (no jsonfeed.org version or no items)' },
    { name: 'an empty body', setUp: (s) => s.serve('/bad', ''), error: 'the feed is empty' },
  ];

  for (const testCase of cases) {
    it(`records ${testCase.name}`, async () => {
      server.serve('/good.xml', rssFeed(GOOD_ITEMS));
      testCase.setUp(server);
      const testApp = await appWithFeeds([{ name: 'Broken', path: '/bad' }, { name: 'Good', path: '/good.xml' }], testCase.polling);
      const outcomes = await testApp.sitroom.pollScheduledFeeds();
      const broken = outcomes.find((outcome) => outcome.feed.name === 'Broken');
      expect(broken?.status).toBe('failed');
      expect(broken?.status === 'failed' && broken.error).toMatch(testCase.error instanceof RegExp ? testCase.error : new RegExp(`^${escapeRegex(testCase.error)}$`));
      expect(await testApp.store.items.count()).toBe(GOOD_ITEMS.length);

      const feeds = renderPlainText(await testApp.ask('/feeds'));
      expect(feeds).toContain('✗ Broken');
      expect(feeds).toContain('failing: ');
      const status = renderPlainText(await testApp.ask('/status'));
      expect(status).toContain('2 scheduled, 1 failing');
      expect(status).toContain('Broken: ');
    });
  }
});

describe('backoff', () => {
  it('retries a failing feed later and later, and at once again after it recovers', async () => {
    let failing = true;
    server.route('/flaky.xml', (_request, response) => (failing ? response.writeHead(500).end() : response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(GOOD_ITEMS))));
    const testApp = await appWithFeeds([{ name: 'Flaky', path: '/flaky.xml' }], { defaultInterval: '5m', maxBackoff: '1h' });
    const dueInMinutes = async (): Promise<number> => ((await testApp.store.feeds.list())[0]!.nextDueAt - testApp.clock.now()) / 60_000;

    await testApp.sitroom.pollDueFeeds();
    expect(await dueInMinutes()).toBe(10);
    testApp.clock.advance(10 * 60_000);
    await testApp.sitroom.pollDueFeeds();
    expect(await dueInMinutes()).toBe(20);
    testApp.clock.advance(5 * 60_000);
    expect(await testApp.sitroom.pollDueFeeds()).toEqual([]);
    testApp.clock.advance(15 * 60_000);
    await testApp.sitroom.pollDueFeeds();
    expect(await dueInMinutes()).toBe(40);
    testApp.clock.advance(40 * 60_000);
    await testApp.sitroom.pollDueFeeds();
    expect(await dueInMinutes()).toBe(60);

    failing = false;
    testApp.clock.advance(60 * 60_000);
    await testApp.sitroom.pollDueFeeds();
    // Back to its interval, at its own phase within it: between half an interval and one and a half.
    expect(await dueInMinutes()).toBeGreaterThanOrEqual(2.5);
    expect(await dueInMinutes()).toBeLessThan(7.5);
    expect((await testApp.store.feeds.list())[0]).toMatchObject({ lastError: null, consecutiveFailures: 0 });
  });

  it('spreads feeds polled together across their interval, then keeps each to its interval', () => {
    const polledAt = Date.parse('2022-01-10T12:00:00Z');
    const feeds = Array.from({ length: 20 }, (_, index) => ({ url: `https://feed${index}.example/rss`, intervalSeconds: 300 }));
    const firstNext = feeds.map((feed) => nextPollAt(feed, polledAt));
    const minuteSlots = new Set(firstNext.map((at) => Math.floor((at - polledAt) / 60_000)));
    expect(minuteSlots.size).toBeGreaterThanOrEqual(4);
    expect(Math.min(...firstNext) - polledAt).toBeGreaterThanOrEqual(150_000);
    expect(Math.max(...firstNext) - polledAt).toBeLessThan(450_000);
    expect(feeds.map((feed, index) => nextPollAt(feed, firstNext[index]! + 1200) - firstNext[index]!)).toEqual(feeds.map(() => 300_000));
  });

  it('honours Retry-After on 429 and 503', async () => {
    server.route('/limited.xml', (_request, response) => response.writeHead(429, { 'retry-after': '7200' }).end());
    server.route('/unavailable.xml', (_request, response) => response.writeHead(503, { 'retry-after': 'Mon, 10 Jan 2022 12:45:00 GMT' }).end());
    const testApp = await appWithFeeds([{ name: 'Limited', path: '/limited.xml' }, { name: 'Unavailable', path: '/unavailable.xml' }], { defaultInterval: '1m' });
    const outcomes = await testApp.sitroom.pollDueFeeds();
    expect(outcomes.map((outcome) => outcome.status === 'failed' && outcome.error)).toEqual(['HTTP 429 Too Many Requests', 'HTTP 503 Service Unavailable']);
    const [limited, unavailable] = (await testApp.store.feeds.list());
    expect((limited!.nextDueAt - testApp.clock.now()) / 60_000).toBe(120);
    expect((unavailable!.nextDueAt - testApp.clock.now()) / 60_000).toBe(45);
  });
});

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Node has no windows-1251 encoder; the Cyrillic block maps to 0xC0–0xFF in order (Ё/ё aside). */
class TextEncoder1251 {
  encode(text: string): Uint8Array {
    return Uint8Array.from([...text].map((char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`no windows-1251 byte for ${char}`);
    }));
  }
}
