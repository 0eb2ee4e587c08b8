// Feeds added from chat may only reach public addresses, checked where the connection is made.
// A fake DNS answers names (public addresses, or 127.0.0.1 to rebind); connections to the public
// test address 93.184.216.34 are dialled to the feed server on 127.0.0.1, so nothing leaves loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { isPublicAddress, type FeedNetwork } from '../../src/feeds/address-guard.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_ADDRESS = '93.184.216.34';

let server: FeedServer;
const apps: TestApp[] = [];
beforeAll(async () => {
  server = await startFeedServer();
  server.serve('/wire.xml', rssFeed([{ title: 'Troops mass near Kharkiv', guid: '1' }, { title: 'Talks in Geneva', guid: '2' }], 'Wire'));
  server.serve('/internal-secrets', rssFeed([{ title: 'root password is hunter2', guid: 'secret' }], 'Internal admin service'));
  server.route('/to-loopback.xml', (_request, response) => response.writeHead(302, { location: server.url('/internal-secrets').replace('127.0.0.1', 'inside.test') }).end());
});
afterEach(() => apps.splice(0).forEach((app) => app.close()));
afterAll(() => server.close());

/** A fake DNS: each name has a list of answers, one per lookup, the last repeating. */
function fakeNetwork(answers: Record<string, string[]>): FeedNetwork & { lookups: string[] } {
  const lookups: string[] = [];
  const asked = new Map<string, number>();
  return {
    lookups,
    resolveHost: async (hostname) => {
      lookups.push(hostname);
      const list = answers[hostname];
      if (!list) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      const count = asked.get(hostname) ?? 0;
      asked.set(hostname, count + 1);
      return [list[Math.min(count, list.length - 1)]!];
    },
    dialAddress: (address) => (address === PUBLIC_ADDRESS ? '127.0.0.1' : address),
  };
}

async function guardedApp(network: FeedNetwork): Promise<TestApp> {
  const app = await createTestApp({ keywords: [{ name: 'military', terms: ['troops'] }] }, { feedNetwork: network });
  apps.push(app);
  return app;
}

const shown = async (app: TestApp, line: string, isAdmin = false): Promise<string> => renderPlainText(await app.ask(line, { isAdmin }));
const onPort = (host: string, path: string): string => server.url(path).replace('127.0.0.1', host);
const requestsFor = (path: string): number => server.requests.filter((request) => request.path === path).length;

describe('public feeds are let in', () => {
  it('tests and adds a feed at a public IPv4 address', async () => {
    const app = await guardedApp(fakeNetwork({}));
    const address = onPort(PUBLIC_ADDRESS, '/wire.xml');
    expect(await shown(app, `/feeds test ${address}`)).toContain('“Wire”: 2 items.');
    expect(await shown(app, `/feeds add ${address}`, true)).toContain('Done: added Wire.');
  });

  it('tests a feed whose name resolves to a public address, sending its name as Host', async () => {
    const app = await guardedApp(fakeNetwork({ 'news.example.test': [PUBLIC_ADDRESS] }));
    expect(await shown(app, `/feeds test ${onPort('news.example.test', '/wire.xml')}`)).toContain('“Wire”: 2 items.');
    expect(server.requests.at(-1)?.headers.host).toBe(new URL(onPort('news.example.test', '/')).host);
  });

  it('reads IPv4 addresses as IPv4, and IPv4-mapped IPv6 addresses by the IPv4 inside them', () => {
    expect([PUBLIC_ADDRESS, '1.1.1.1', '2606:4700:4700::1111', '::ffff:93.184.216.34', '::ffff:5db8:d822'].filter(isPublicAddress)).toHaveLength(5);
    expect(['127.0.0.1', '10.1.2.3', '169.254.169.254', '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', 'fe80::1', 'fd00::1', '::127.0.0.1'].filter(isPublicAddress)).toEqual([]);
  });
});

describe('local addresses stay out, whatever DNS says later', () => {
  it('refuses a name that answered a public address when added and 127.0.0.1 when polled, without reaching the local server', async () => {
    const network = fakeNetwork({ 'rebind.test': [PUBLIC_ADDRESS, '127.0.0.1'] });
    const app = await guardedApp(network);
    const address = onPort('rebind.test', '/internal-secrets');
    expect(await shown(app, `/feeds add ${address} Harmless`, true)).toContain('Done: added Harmless.');
    const fetchedBefore = requestsFor('/internal-secrets');

    const [outcome] = await app.sitroom.pollScheduledFeeds();
    expect(outcome?.status === 'failed' && outcome.error).toBe('rebind.test resolves to 127.0.0.1, a private or local address; feeds added from chat must be public (an admin can allow it with polling.allowAddresses in the config)');
    const tested = await shown(app, `/feeds test ${address}`);
    expect(tested).toContain('rebind.test resolves to 127.0.0.1, a private or local address');
    expect(tested).not.toContain('hunter2');
    expect(requestsFor('/internal-secrets')).toBe(fetchedBefore);
    expect(network.lookups).toEqual(['rebind.test', 'rebind.test', 'rebind.test']);
  });

  it('checks the address of every redirect', async () => {
    const app = await guardedApp(fakeNetwork({ 'outside.test': [PUBLIC_ADDRESS], 'inside.test': ['127.0.0.1'] }));
    const fetchedBefore = requestsFor('/internal-secrets');
    expect(await shown(app, `/feeds test ${onPort('outside.test', '/to-loopback.xml')}`)).toContain('inside.test resolves to 127.0.0.1, a private or local address');
    expect(requestsFor('/internal-secrets')).toBe(fetchedBefore);
  });

  it('refuses IPv4-mapped IPv6 spellings of loopback', async () => {
    const app = await guardedApp(fakeNetwork({}));
    expect(await shown(app, `/feeds test ${onPort('[::ffff:127.0.0.1]', '/wire.xml')}`)).toContain('::ffff:7f00:1, a private or local address');
  });
});
