// rss-parser hands the whole document to xml2js at once, and a 40 MB feed then keeps the process
// from answering anything for many seconds. This makes its xml2js parser take the text a chunk at
// a time, with a turn of the event loop between chunks. (xml2js's own "async" mode does the same
// but loses any error thrown while rss-parser builds the feed, leaving the parse pending forever.)
import type { EventEmitter } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Parser from 'rss-parser';

/** The parts of xml2js's Parser (a property of rss-parser's) this relies on. */
interface Xml2jsParser extends EventEmitter {
  reset(): void;
  saxParser: { write(chunk: string): unknown; close(): unknown };
  parseString(text: string, done: (error: unknown, result?: unknown) => void): void;
}

export interface XmlReading {
  /**
   * From now on, errors sax recovers from (a bad entity, a stray character) no longer fail the parse.
   * For the second try at a broken feed: xml2js read it that way after a first failure.
   */
  readPastRecoverableErrors(): void;
}

export function readXmlInTurns(parser: Parser, chunkChars: number): XmlReading {
  const xml = (parser as unknown as { xmlParser: Xml2jsParser }).xmlParser;
  let lenient = false;
  xml.parseString = (text, done) => {
    // reset() also drops the listeners of an earlier parse (rss-parser's parser is retried once).
    xml.reset();
    let settled = false;
    const finish = (error: unknown, result?: unknown): void => {
      if (settled) return;
      settled = true;
      try {
        done(error, result);
      } catch (buildError) {
        // rss-parser builds the feed inside this callback; a TypeError there must reject the parse.
        done(buildError);
      }
    };
    xml.once('end', (result: unknown) => finish(null, result));
    xml.on('error', (error: unknown) => {
      if (!lenient) finish(error);
    });
    void (async () => {
      for (let at = 0; at < text.length && !settled; at += chunkChars) {
        xml.saxParser.write(text.slice(at, at + chunkChars));
        await nextTurn();
      }
      if (!settled) xml.saxParser.close();
    })().catch((error: unknown) => finish(error));
  };
  return { readPastRecoverableErrors: () => void (lenient = true) };
}
