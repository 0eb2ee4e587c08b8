// The `sitroom` command as a newcomer uses it: poll a feed, ask a question, start the console.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { runCli } from '../support/run-cli.js';

let server: FeedServer;
let workDir: string;
let db: string;

beforeEach(async () => {
  server = await startFeedServer();
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-cli-'));
  db = join(workDir, 'sitroom.db');
});
afterEach(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('sitroom poll --once', { timeout: 30_000 }, () => {
  it('prints one JSON line per new item, then nothing new on a second run, sending conditional headers', async () => {
    server.serve('/feed.xml', rssFeed([
      { title: 'Kremlin rejects U.S. proposals', link: 'https://news.example/1', guid: '1', pubDate: 'Wed, 26 Jan 2022 18:00:00 GMT' },
      { title: 'Chicken Kiev recipe', link: 'https://news.example/2', guid: '2' },
    ]), 'application/rss+xml', { etag: '"abc"', 'last-modified': 'Wed, 26 Jan 2022 18:05:00 GMT' });
    const args = ['--db', db, 'poll', '--once', '--json', '--feed', server.url('/feed.xml')];

    const first = await runCli(args);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({ feed: server.url('/feed.xml'), title: 'Kremlin rejects U.S. proposals', url: 'https://news.example/1', publishedAt: '2022-01-26T18:00:00.000Z', keywords: ['russia'] }),
      expect.objectContaining({ title: 'Chicken Kiev recipe', publishedAt: null, keywords: [] }),
    ]);
    expect(typeof lines[0].id).toBe('number');

    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    expect(server.requests[1]?.headers).toMatchObject({ 'if-none-match': '"abc"', 'if-modified-since': 'Wed, 26 Jan 2022 18:05:00 GMT' });
  });

  it('polls the bundled sample feeds with readable output', async () => {
    const result = await runCli(['--db', db, 'poll', '--once']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sample World Wire: 6 new item(s)');
    expect(result.stdout).toContain('  + Russian troops arrive in Belarus for joint drills  [ukraine, russia, military, belarus]');
  });

  it('exits non-zero with the reason when a feed fails', async () => {
    const result = await runCli(['--db', db, 'poll', '--once', '--feed', server.url('/missing.xml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`✗ ${server.url('/missing.xml')}: HTTP 404 Not Found`);
  });

  it('refuses an unsupported URL scheme', async () => {
    const result = await runCli(['--db', db, 'poll', '--once', '--feed', 'ftp://x']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('--feed ftp://x: expected an http(s) URL, got "ftp://x"');
  });
});

describe('sitroom ask', { timeout: 30_000 }, () => {
  it('never prints terminal escape sequences from feed text, in poll output or in /news', async () => {
    const escapes = '\x1b[2J\x1b[H\x1b]0;owned\x07\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\x07';
    server.serve('/escapes.xml', rssFeed([
      { title: `Russian troops${escapes} cross into Ukraine`, link: 'https://news.example/1', guid: '1', description: `Kremlin${escapes} orders invasion of Ukraine`, pubDate: new Date().toUTCString() },
    ]));
    const poll = await runCli(['--db', db, 'poll', '--once', '--feed', server.url('/escapes.xml')]);
    expect(poll.stdout).toContain('  + Russian troops cross into Ukraine  [');
    const news = await runCli(['--db', db, 'ask', '/news']);
    expect(news.stdout).toContain('Russian troops cross into Ukraine');
    for (const output of [poll.stdout, poll.stderr, news.stdout, news.stderr]) expect(output).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('answers /status in plain text and /feeds as JSON', async () => {
    await runCli(['--db', db, 'poll', '--once']);
    const status = await runCli(['--db', db, 'ask', '/status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Items stored:  9 (7 matched keywords)');
    const feeds = await runCli(['--db', db, 'ask', '/feeds', '--json']);
    const reply = JSON.parse(feeds.stdout);
    expect(reply.title).toBe('Feeds (2)');
    expect(reply.data.map((feed: { name: string; items: number }) => [feed.name, feed.items])).toEqual([['Sample World Wire', 6], ['Sample Briefing Room', 3]]);
  });

  it('gives /who and /timeline as structured JSON, dates in ISO at their precision', async () => {
    const who = JSON.parse((await runCli(['--db', db, 'ask', '/who ushakov', '--json'])).stdout);
    expect(who.data.matches[0]).toMatchObject({ canonicalName: 'Yuri V. Ushakov', kind: 'person', role: 'foreign policy adviser to Vladimir V. Putin', affiliation: 'Russia' });
    expect(who.data.matches[0].said.length).toBeGreaterThan(2);
    const timeline = JSON.parse((await runCli(['--db', db, 'ask', '/timeline last 40', '--json'])).stdout);
    const dates = timeline.data.map((event: { date: string }) => event.date);
    expect(dates).toEqual(expect.arrayContaining(['2014', '2021-10', '2021-12-03', '2022-01-10']));
  });

  it('explains an unknown command and exits non-zero', async () => {
    const result = await runCli(['--db', db, 'ask', '/stauts']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ Unknown command /stauts.');
    expect(result.stdout).toContain('Did you mean /status?');
  });
});

describe('sitroom configuration errors', { timeout: 30_000 }, () => {
  it('stops with the file, the field and what was expected', async () => {
    const config = join(workDir, 'broken.yaml');
    writeFileSync(config, 'feeds:\n  - {name: a, url: "ftp://x"}\n');
    const result = await runCli(['--config', config, '--db', db, 'ask', '/status']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`${config}: feed "a", url: expected an http(s) URL, got "ftp://x"`);
  });

  it('reads the config path from SITROOM_CONFIG', async () => {
    const result = await runCli(['ask', '/status'], { env: { SITROOM_CONFIG: join(workDir, 'missing.yaml'), SITROOM_DB: db } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.yaml: cannot read the config file (ENOENT)');
  });
});

describe('sitroom run (console)', { timeout: 30_000 }, () => {
  it('polls the sample feeds, answers typed commands and exits cleanly when input ends', async () => {
    const result = await runCli(['--db', db, 'run'], { input: '/help\n/keywords list ukraine\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sitroom console. Type /help for commands');
    expect(result.stdout).toContain('/status');
    expect(result.stdout).toContain('Keyword rule ukraine');
    expect(result.stdout).toContain('Kyiv (Kiev, Київ, Киев, Kijów)');
  });

  it('posts the owed sitrep of a subscribed console channel to the terminal, once', async () => {
    expect((await runCli(['--db', db, 'ask', '/subscriptions'])).code).toBe(0);
    // The bundled config subscribes console:general at 08:00 Kyiv time; make it subscribed long ago.
    const database = new Database(db);
    database.prepare('UPDATE subscriptions SET created_at = 0').run();
    database.close();
    const first = await runCli(['--db', db, 'run'], { input: '/status\n' });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/── #general ──\nSitrep( \(late\))?: .* Kyiv time\n/);
    const second = await runCli(['--db', db, 'run'], { input: '/status\n' });
    expect(second.stdout).not.toContain('── #general ──');
  });

  it('prints the sitrep of what is stored with sitroom digest --print', async () => {
    const digestDb = join(workDir, 'digest.db');
    expect((await runCli(['--db', digestDb, 'poll', '--once'])).code).toBe(0);
    const result = await runCli(['--db', digestDb, 'digest', '--print', '--since', '2022-01-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sitrep: Sat 1 Jan 2022 02:00 – .* Kyiv time\n/);
    expect(result.stdout).toContain('• 🔴 [new] State Department orders families of embassy staff to leave Kyiv');
    // The items arrived today, years after the period's start: the chart covers the whole period, a bar a year.
    expect(result.stdout).toMatch(/Relevant items per year, 1 Jan 2022 – .* \(Kyiv time\): 2022 .* \(max 7\)/);
  });

  it('prints its version with --version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`);
  });

  it('prints help for every subcommand', async () => {
    for (const subcommand of ['run', 'poll', 'ask', 'digest']) {
      const result = await runCli([subcommand, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: sitroom ${subcommand}`);
    }
  });
});
