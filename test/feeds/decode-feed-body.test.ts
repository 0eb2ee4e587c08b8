// Which encoding a feed's bytes are read in: what the bytes, the XML declaration and the HTTP
// header say, and what to do when they say nothing or something impossible.
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../src/feeds/decode-feed-body.js';

const DOCUMENT = '<rss><channel><title>Café – Київ</title></channel></rss>';

function utf32(text: string, littleEndian: boolean, withMark: boolean): Buffer {
  const codePoints = [...(withMark ? '\uFEFF' : ''), ...text].map((character) => character.codePointAt(0)!);
  const bytes = Buffer.alloc(codePoints.length * 4);
  codePoints.forEach((codePoint, index) => (littleEndian ? bytes.writeUInt32LE(codePoint, index * 4) : bytes.writeUInt32BE(codePoint, index * 4)));
  return bytes;
}

describe('decoding feed bytes', () => {
  it('reads UTF-32 in either byte order, with or without a byte-order mark', () => {
    for (const littleEndian of [true, false]) {
      for (const withMark of [true, false]) expect(decodeFeedBody(utf32(DOCUMENT, littleEndian, withMark), null)).toBe(DOCUMENT);
    }
  });

  it('reads undeclared bytes that are not UTF-8 as windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from('<rss><channel><title>Caf'), Buffer.from([0xe9]), Buffer.from(' don'), Buffer.from([0x92]), Buffer.from('t</title></channel></rss>')]);
    expect(decodeFeedBody(bytes, null)).toBe('<rss><channel><title>Café don’t</title></channel></rss>');
  });

  it('reads windows-1252 punctuation in feeds declared ISO-8859-1, as browsers do', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><title>'), Buffer.from([0x93, 0x80, 0x35, 0x94, 0x85, 0x96, 0xe9]), Buffer.from('</title>')]);
    expect(decodeFeedBody(bytes, null)).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><title>“€5”…–é</title>');
  });

  it('keeps undeclared UTF-8 as UTF-8', () => {
    expect(decodeFeedBody(Buffer.from(DOCUMENT, 'utf8'), null)).toBe(DOCUMENT);
  });

  it('ignores a UTF-16 declaration on a document whose bytes are plainly ASCII-compatible', () => {
    const document = `<?xml version="1.0" encoding="utf-16"?>${DOCUMENT}`;
    expect(decodeFeedBody(Buffer.from(document, 'utf8'), null)).toBe(document);
  });

  it('treats an encoding name no decoder knows as no declaration, falling back to the HTTP charset', () => {
    const document = '<?xml version="1.0" encoding="bogus"?><rss><channel><title>Новини</title></channel></rss>';
    const windows1251 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="bogus"?><rss><channel><title>'), Buffer.from([0xcd, 0xee, 0xe2, 0xe8, 0xed, 0xe8]), Buffer.from('</title></channel></rss>')]);
    expect(decodeFeedBody(windows1251, 'text/xml; charset=windows-1251')).toBe(document);
  });
});
