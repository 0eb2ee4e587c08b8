// The XML parser under rss-parser (xml2js) rebuilds the path of open elements at every closing tag,
// so a document nested tens of thousands deep takes quadratic time and then overflows the stack.
// This one linear pass measures the depth first, so such a document is refused before parsing.
// It lets the event loop turn every megabyte, so a 40 MB feed does not hold up chat commands.
import { setImmediate as nextTurn } from 'node:timers/promises';

const CHARS_BETWEEN_TURNS = 1024 * 1024;

/** True when some element of the document sits deeper than `limit` levels. Stops at the first such element. */
export async function nestsDeeperThan(xml: string, limit: number): Promise<boolean> {
  const quotes = new QuoteFinder(xml);
  let depth = 0;
  let nextTurnAt = CHARS_BETWEEN_TURNS;
  let at = xml.indexOf('<');
  while (at !== -1) {
    if (at >= nextTurnAt) {
      await nextTurn();
      nextTurnAt = at + CHARS_BETWEEN_TURNS;
    }
    const end = endOfMarkup(xml, at, quotes);
    if (end === -1) return false;
    const next = xml.charCodeAt(at + 1);
    if (next === SLASH) depth--;
    else if (next !== BANG && next !== QUESTION && xml.charCodeAt(end - 1) !== SLASH) {
      depth++;
      if (depth > limit) return true;
    }
    at = xml.indexOf('<', end + 1);
  }
  return false;
}

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

/** The index of the ">" that ends the markup starting at `start`, or -1 when it never ends. */
function endOfMarkup(xml: string, start: number, quotes: QuoteFinder): number {
  if (xml.startsWith('<!--', start)) return endAfter(xml, '-->', start + 4);
  if (xml.startsWith('<![CDATA[', start)) return endAfter(xml, ']]>', start + 9);
  if (xml.startsWith('<?', start)) return endAfter(xml, '?>', start + 2);
  // A tag: a ">" inside a quoted attribute value does not end it.
  let at = start + 1;
  let close = xml.indexOf('>', at);
  while (close !== -1) {
    const quote = quotes.first(at);
    if (quote === -1 || quote > close) return close;
    const quoteEnd = xml.indexOf(xml[quote]!, quote + 1);
    if (quoteEnd === -1) return -1;
    at = quoteEnd + 1;
    if (quoteEnd > close) close = xml.indexOf('>', at);
  }
  return -1;
}

function endAfter(xml: string, terminator: string, from: number): number {
  const found = xml.indexOf(terminator, from);
  return found === -1 ? -1 : found + terminator.length - 1;
}

/** The next quote mark at or after a position; positions only move forward, so each search covers new text. */
class QuoteFinder {
  private double = -2;
  private single = -2;

  constructor(private readonly xml: string) {}

  first(from: number): number {
    if (this.double !== -1 && this.double < from) this.double = this.xml.indexOf('"', from);
    if (this.single !== -1 && this.single < from) this.single = this.xml.indexOf("'", from);
    if (this.double === -1) return this.single;
    if (this.single === -1) return this.double;
    return Math.min(this.double, this.single);
  }
}
