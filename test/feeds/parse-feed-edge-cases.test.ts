// Shapes found in real feeds that once cost sitroom the whole feed, or gave a message nobody could act
// on: one bad Atom date or bare link, a missing version, a bare "&", markup in titles, gzip bytes.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/feeds/parse-feed.js';
import { rssFeed } from '../support/feed-server.js';

const FEED_URL = 'https://news.example/feed';
const parse = (document: string | Buffer) => parseFeed(typeof document === 'string' ? Buffer.from(document) : document, null, FEED_URL);

async function refusalOf(document: string | Buffer): Promise<string> {
  const error = await parse(document).then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(FeedParseError);
  return (error as FeedParseError).message;
}

const atom = (entries: string) => `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>${entries}</feed>`;

describe('parsing Atom entries rss-parser cannot read alone', () => {
  it('keeps the feed, and the entry without a date, when one entry has a date nobody can read', async () => {
    const feed = await parse(atom(`
      <entry><id>1</id><title>Border crossing reopens</title><published>2022-02-24T04:00:00Z</published></entry>
      <entry><id>2</id><title>Shelling reported overnight</title><published>Thursday morning</published><updated>soon</updated></entry>`));
    expect(feed.items.map((item) => [item.title, item.publishedAt])).toEqual([
      ['Border crossing reopens', Date.parse('2022-02-24T04:00:00Z')],
      ['Shelling reported overnight', null],
    ]);
  });

  it('reads a <link> that holds its address as text instead of an href', async () => {
    const feed = await parse(atom('<link>https://news.example/</link><entry><id>1</id><title>Ceasefire talks</title><link>https://news.example/a/1</link></entry>'));
    expect(feed.items[0]?.url).toBe('https://news.example/a/1');
  });

  it('takes the text of an XHTML title', async () => {
    const feed = await parse(atom('<entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Troops <em>cross</em> the border</div></title></entry>'));
    expect(feed.items[0]?.title).toBe('Troops the border cross');
  });
});

describe('parsing RSS that bends the rules', () => {
  it('reads <rss> without a version as RSS 2.0', async () => {
    const feed = await parse('<rss><channel><title>Wire</title><item><title>Evacuation ordered</title></item></channel></rss>');
    expect(feed.items.map((item) => item.title)).toEqual(['Evacuation ordered']);
  });

  it('repairs bare ampersands in links, leaving CDATA as written', async () => {
    const feed = await parse(`<rss version="2.0"><channel><title>Fish & Chips</title><item>
      <title>Aid convoy arrives</title><link>https://news.example/story?id=7&lang=en</link>
      <description><![CDATA[<p>Food &amp; water</p>]]></description></item></channel></rss>`);
    expect(feed.title).toBe('Fish & Chips');
    expect(feed.items[0]).toMatchObject({ url: 'https://news.example/story?id=7&lang=en', text: 'Food & water' });
  });

  it('refuses an RSS document without a <channel>, saying so', async () => {
    expect(await refusalOf('<?xml version="1.0"?><rss version="2.0"></rss>')).toBe('the RSS document has no <channel> element');
  });
});

describe('refusing what is not a feed', () => {
  it('names the root element of XML that is neither RSS nor Atom', async () => {
    expect(await refusalOf('<?xml version="1.0"?><!-- a note --><note><to>you</to></note>')).toBe('the document is XML but not an RSS or Atom feed (its root element is <note>)');
  });

  it('recognises an XHTML page behind an XML declaration', async () => {
    expect(await refusalOf('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html><body/></html>')).toBe('got an HTML page, not a feed');
  });

  it('says gzip-compressed bytes are compressed, not malformed', async () => {
    expect(await refusalOf(gzipSync(rssFeed([{ title: 'Compressed' }])))).toMatch(/^the body is gzip-compressed data, not a feed/);
  });
});
