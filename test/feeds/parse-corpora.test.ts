// Every feed file in the shared real-world corpora (../shared/corpora, next to the repository) goes
// through parseFeed: each must parse, or be refused with a FeedParseError that says what is wrong.
// The summary printed per folder shows what parsed and why the rest did not.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/feeds/html-to-text.js';
import { FeedParseError, parseFeed, type ParsedFeed } from '../../src/feeds/parse-feed.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corporaRoot = path.resolve(repoRoot, '..', 'shared', 'corpora');
const FEED_URL = 'https://corpus.example/feed';
/** A parse that takes longer than this is a hang in the making (the slowest real feed takes ~150 ms). */
const MAX_PARSE_MS = 3000;
/** Share of all corpus files that must parse; most refusals are deliberate non-feeds or broken XML. */
const MIN_PARSED_SHARE = 0.93;

/** Refusal messages a user can act on. A message outside this list (a raw TypeError, say) fails the test. */
const CLEAR_REFUSALS = [
  /^the feed is empty$/,
  /^got an HTML page, not a feed$/,
  /^the body is gzip-compressed data, not a feed/,
  /^the document declares XML entities \(<!ENTITY>\); refused as unsafe$/,
  /^the document is XML but not an RSS or Atom feed \(its root element is <[^>]+>\)$/,
  /^the (RSS|RDF) document has no <channel> element$/,
  /^malformed feed XML: (no root element|.+, Line: \d+, Column: \d+)$/,
  /^invalid JSON: /,
  /^JSON document is not a JSON Feed/,
];

type Outcome =
  | { file: string; folder: string; ms: number; kind: 'parsed'; feed: ParsedFeed }
  | { file: string; folder: string; ms: number; kind: 'refused'; message: string }
  | { file: string; folder: string; ms: number; kind: 'crashed'; error: string };

const outcomes = new Map<string, Outcome>();

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Licences and notes are not feeds; in gofeed-testdata a .json beside a same-named .xml, or named *_expected.json, is an expected output. */
function isFeedInput(file: string): boolean {
  const name = path.basename(file);
  if (/^(LICENSE|README)/i.test(name) || name.endsWith('.md')) return false;
  if (file.includes(`${path.sep}gofeed-testdata${path.sep}`) && name.endsWith('.json')) {
    return !name.endsWith('_expected.json') && !existsSync(file.replace(/\.json$/, '.xml'));
  }
  return true;
}

/** gofeed's expected output for an input, where it has one. */
function gofeedExpectationFor(file: string): string | null {
  const candidate = file.endsWith('.xml') ? file.replace(/\.xml$/, '.json') : file.replace(/\.json$/, '_expected.json');
  return candidate !== file && existsSync(candidate) ? candidate : null;
}

async function parseCorpusFile(full: string): Promise<Outcome> {
  const file = path.relative(corporaRoot, full).split(path.sep).join('/');
  const folder = file.split('/')[0]!;
  const startedAt = performance.now();
  try {
    const feed = await parseFeed(readFileSync(full), null, FEED_URL);
    return { file, folder, ms: performance.now() - startedAt, kind: 'parsed', feed };
  } catch (error) {
    const ms = performance.now() - startedAt;
    if (error instanceof FeedParseError) return { file, folder, ms, kind: 'refused', message: error.message };
    return { file, folder, ms, kind: 'crashed', error: `${(error as Error)?.name}: ${(error as Error)?.message ?? String(error)}` };
  }
}

function outcome(file: string): Outcome {
  const found = outcomes.get(file);
  if (!found) throw new Error(`${file} is not in the corpus`);
  return found;
}

function parsed(file: string): ParsedFeed {
  const found = outcome(file);
  if (found.kind !== 'parsed') throw new Error(`${file} did not parse: ${found.kind === 'refused' ? found.message : found.error}`);
  return found.feed;
}

function refusal(file: string): string | null {
  const found = outcome(file);
  return found.kind === 'refused' ? found.message : null;
}

/** Line and column numbers differ per file; without them, refusals group by kind. */
function refusalKind(message: string): string {
  return message.replace(/Line: \d+, Column: \d+/, 'Line: n, Column: n');
}

function printSummary(all: Outcome[]): void {
  const folders = [...new Set(all.map((entry) => entry.folder))].sort();
  const lines = [`${'folder'.padEnd(31)} ${'files'.padStart(5)} ${'parsed'.padStart(6)} ${'refused'.padStart(7)} ${'crashed'.padStart(7)} ${'items'.padStart(6)}`];
  for (const folder of folders) {
    const inFolder = all.filter((entry) => entry.folder === folder);
    const count = (kind: Outcome['kind']): number => inFolder.filter((entry) => entry.kind === kind).length;
    const items = inFolder.reduce((sum, entry) => sum + (entry.kind === 'parsed' ? entry.feed.items.length : 0), 0);
    lines.push(`${folder.padEnd(31)} ${String(inFolder.length).padStart(5)} ${String(count('parsed')).padStart(6)} ${String(count('refused')).padStart(7)} ${String(count('crashed')).padStart(7)} ${String(items).padStart(6)}`);
  }
  const parsedCount = all.filter((entry) => entry.kind === 'parsed').length;
  lines.push(`${'all'.padEnd(31)} ${String(all.length).padStart(5)} ${String(parsedCount).padStart(6)} (${((100 * parsedCount) / all.length).toFixed(1)}% parsed)`);
  lines.push('', 'refusals by folder and kind:');
  for (const folder of folders) {
    const kinds = new Map<string, number>();
    for (const entry of all.filter((candidate) => candidate.folder === folder)) {
      if (entry.kind === 'parsed') continue;
      const kind = entry.kind === 'refused' ? refusalKind(entry.message) : `CRASHED ${entry.error}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1])) lines.push(`  ${folder}: ${String(count).padStart(3)} × ${kind}`);
  }
  console.log(lines.join('\n'));
}

describe.skipIf(!existsSync(corporaRoot))('parsing the real-world feed corpora', () => {
  beforeAll(async () => {
    const inputs = readdirSync(corporaRoot)
      .map((name) => path.join(corporaRoot, name))
      .filter((full) => statSync(full).isDirectory())
      .flatMap(filesUnder)
      .filter(isFeedInput)
      .sort();
    for (const full of inputs) {
      const result = await parseCorpusFile(full);
      outcomes.set(result.file, result);
    }
    printSummary([...outcomes.values()]);
  }, 60_000);

  it('parses every file or refuses it with a FeedParseError that says what is wrong, quickly', () => {
    const all = [...outcomes.values()];
    expect(all.length).toBeGreaterThan(2500);
    expect(all.filter((entry) => entry.kind === 'crashed')).toEqual([]);
    const unclear = all.flatMap((entry) => (entry.kind === 'refused' && !CLEAR_REFUSALS.some((pattern) => pattern.test(entry.message)) ? [`${entry.file}: ${entry.message}`] : []));
    expect(unclear).toEqual([]);
    expect(all.filter((entry) => entry.ms > MAX_PARSE_MS).map((entry) => `${entry.file}: ${Math.round(entry.ms)} ms`)).toEqual([]);
    const parsedShare = all.filter((entry) => entry.kind === 'parsed').length / all.length;
    expect(parsedShare).toBeGreaterThanOrEqual(MIN_PARSED_SHARE);
  });

  it("reads every item-bearing rss-parser feed, and refuses the one that is not a feed", () => {
    // Fixtures of entries with no title or text at all: they parse, and the entry is skipped with a reason.
    const withoutReadableEntries = ['rss-parser/incomplete-fields.atom', 'rss-parser/missing-fields.atom'];
    const files = [...outcomes.keys()].filter((file) => file.startsWith('rss-parser/') && file !== 'rss-parser/unrecognized.rss');
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const file of files) {
      const feed = parsed(file);
      if (withoutReadableEntries.includes(file)) expect(feed.skipped.length, file).toBeGreaterThan(0);
      else expect(feed.items.length, file).toBeGreaterThan(0);
    }
    expect(refusal('rss-parser/unrecognized.rss')).toBe('the document is XML but not an RSS or Atom feed (its root element is <head>)');
  });

  it('reads every rowanmanning real-world feed with items; an HTML page among them gets the HTML-page error', () => {
    const files = [...outcomes.keys()].filter((file) => file.startsWith('rowanmanning-sample-feeds/content/real-world/'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      const start = readFileSync(path.join(corporaRoot, file), 'latin1').slice(0, 1024);
      if (/^\s*(<\?xml[^>]*>\s*)?(<!doctype html|<html)/i.test(start)) expect(refusal(file), file).toBe('got an HTML page, not a feed');
      else expect(parsed(file).items.length, file).toBeGreaterThan(0);
    }
  });

  it('decodes the windows-1251 Yandex feed into Cyrillic', () => {
    const feed = parsed('node-feedparser-test-feeds/iconv.xml');
    expect(feed.title).toBe('Новости Оренбурга и области / Раздел Новости');
    expect(feed.items[0]?.title).toBe('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');
    for (const item of feed.items) expect(item.title, item.title).toMatch(/^[^\uFFFD]*[А-Яа-яЁё][^\uFFFD]*$/);
  });

  it('decodes declared, undeclared and 16/32-bit encodings', () => {
    expect(parsed('feedparser/encoding/euc-kr.xml').title).toBe('년');
    expect(parsed('feedparser/encoding/euc-kr-item.xml').items[0]?.text).toBe('년');
    expect(parsed('rss-parser/encoding.rss').title).toBe('Jornal de Notícias - Últimas Notícias');
    // No declaration and not UTF-8: read as windows-1252, as browsers do.
    expect(parsed('rss-parser/uolNoticias.rss').items[0]?.title).toBe('Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
    // These test documents are "<rss></rss>" in UTF-16 or UTF-32: decoded, the root is found and the missing channel named.
    const wide = [...outcomes.keys()].filter((file) => /^feedparser\/encoding\/(utf-?16|utf-?32|u16|utf_16|utf_32)/.test(file));
    expect(wide.length).toBeGreaterThanOrEqual(15);
    for (const file of wide) expect(refusal(file) ?? 'parsed', file).toMatch(/^(parsed|the RSS document has no <channel> element)$/);
  });

  it('refuses an HTML page and gzip-compressed bytes with messages that say so', () => {
    expect(refusal('node-feedparser-test-feeds/notafeed.html')).toBe('got an HTML page, not a feed');
    expect(refusal('feedjira-sample-feeds/DuplicateContentAtomFeed.xml')).toBe('got an HTML page, not a feed');
    expect(refusal('node-feedparser-test-feeds/compressed.xml')).toMatch(/^the body is gzip-compressed data, not a feed/);
  });

  it("agrees with gofeed's expected outputs on item count and first title", () => {
    // Where we knowingly differ from gofeed, and why.
    const exceptions: Record<string, string> = {
      'gofeed-testdata/parser/atom/atom03_feed_entry_title_base64.xml': 'Atom 0.3 mode="base64" text is not decoded (obsolete; unseen in news feeds)',
      'gofeed-testdata/parser/atom/atom03_feed_entry_title_base64_escaped_markup.xml': 'Atom 0.3 mode="base64" text is not decoded',
      'gofeed-testdata/parser/atom/atom10_feed_entry_title_base64.xml': 'gofeed decodes base64 even in Atom 1.0, which has no such mode',
      'gofeed-testdata/parser/atom/atom10_feed_entry_title_base64_escaped_markup.xml': 'gofeed decodes base64 even in Atom 1.0, which has no such mode',
      'gofeed-testdata/parser/atom/atom03_feed_entry_title_xhtml_escaped_markup.xml': 'titles are read as HTML, so escaped markup inside an XHTML title loses its tags',
      'gofeed-testdata/parser/atom/atom10_feed_entry_title_xhtml_escaped_markup.xml': 'titles are read as HTML, so escaped markup inside an XHTML title loses its tags',
      'gofeed-testdata/parser/atom/atom10_feed_entry_source_logo.xml': 'the fixture is not well-formed XML (mismatched close tag); refused',
      'gofeed-testdata/parser/atom/atom10_feed_entry_source_title_html_escaped_markup.xml': 'the fixture is not well-formed XML (<title>…</subtitle>); refused',
      'gofeed-testdata/parser/atom/atom10_feed_entry_source_title_text.xml': 'the fixture is not well-formed XML (<title>…</subtitle>); refused',
      'gofeed-testdata/parser/json/version_json_10.json': '"version": "1.0" is not a JSON Feed version URL; refused as not a JSON Feed',
      'gofeed-testdata/parser/json/version_json_11.json': '"version": "1.1" is not a JSON Feed version URL',
      'gofeed-testdata/parser/json/version_json_11_deprecated_author.json': '"version": "1.1" is not a JSON Feed version URL',
      'gofeed-testdata/translator/json/json10_full.json': '"version": "1.0" is not a JSON Feed version URL',
      'gofeed-testdata/translator/json/json10_simple.json': '"version": "1.0" is not a JSON Feed version URL',
      'gofeed-testdata/translator/json/json11_full.json': '"version": "1.1" is not a JSON Feed version URL',
    };
    const mismatches: string[] = [];
    let compared = 0;
    for (const [file, result] of outcomes) {
      if (!file.startsWith('gofeed-testdata/')) continue;
      const expectationFile = gofeedExpectationFor(path.join(corporaRoot, file));
      if (!expectationFile) continue;
      const expected = JSON.parse(readFileSync(expectationFile, 'utf8')) as { items?: { title?: string }[]; entries?: { title?: string }[] };
      const expectedItems = expected.items ?? expected.entries ?? [];
      if (expectedItems.length === 0) continue;
      compared++;
      const problem = describeDifference(result, expectedItems.length, expectedItems[0]?.title);
      if (problem) mismatches.push(`${file}: ${problem}`);
    }
    expect(compared).toBeGreaterThan(250);
    expect(mismatches.filter((line) => !(line.split(':')[0]! in exceptions))).toEqual([]);
    const staleExceptions = Object.keys(exceptions).filter((file) => !mismatches.some((line) => line.startsWith(`${file}:`)));
    expect(staleExceptions).toEqual([]);
  });
});

/** Items we skip for having neither title nor text still count as read; gofeed's titles keep markup, ours are text. */
function describeDifference(result: Outcome, expectedCount: number, expectedTitle: string | undefined): string | null {
  if (result.kind !== 'parsed') return result.kind === 'refused' ? `refused: ${result.message}` : `crashed: ${result.error}`;
  const seen = result.feed.items.length + result.feed.skipped.length;
  if (seen !== expectedCount) return `${seen} items read, gofeed reads ${expectedCount}`;
  if (expectedTitle !== undefined && result.feed.items[0]?.title !== htmlToText(expectedTitle)) {
    return `first title ${JSON.stringify(result.feed.items[0]?.title)}, gofeed ${JSON.stringify(expectedTitle)}`;
  }
  return null;
}
