// Turns fetched bytes into text using the encoding the document declares, so windows-1251 or
// ISO-8859-1 feeds read correctly. Order: byte-order mark, then the XML declaration, then the
// HTTP charset, then UTF-8, and windows-1252 for undeclared bytes that are not valid UTF-8.
import { TextDecoder } from 'node:util';

const XML_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
const HTTP_CHARSET = /charset\s*=\s*"?([A-Za-z0-9._:-]+)/i;
// A declaration read through ASCII-compatible bytes cannot be true of a 16- or 32-bit encoding
// (those are recognised from their bytes first), so it is a mislabelled ASCII-compatible document.
const WIDE_ENCODING = /^(utf-?16|utf-?32|ucs-?2|ucs-?4)/i;
// Bytes 0x80–0x9F in windows-1252, which is also what "iso-8859-1" and "us-ascii" mean on the web.
// Node 20 from 20.18.3 and 22 from 22.13.0 decode them as Latin-1 control characters (nodejs/node#56542); they are mapped here.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1_CONTROL = /[\u0080-\u009f]/g;

export function decodeFeedBody(body: Buffer, contentType: string | null): string {
  const bom = byteOrderMark(body);
  if (bom) return decodeWith(bom.encoding, body.subarray(bom.length));
  const declared = [XML_ENCODING.exec(body.subarray(0, 1024).toString('latin1'))?.[1], HTTP_CHARSET.exec(contentType ?? '')?.[1]]
    .find((name) => name !== undefined && !WIDE_ENCODING.test(name) && isKnownEncoding(name));
  return declared ? decodeWith(declared, body) : decodeUndeclared(body);
}

function byteOrderMark(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  // The UTF-32 marks first: FF FE 00 00 also starts like UTF-16LE's.
  if (body[0] === 0x00 && body[1] === 0x00 && body[2] === 0xfe && body[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (body[0] === 0xff && body[1] === 0xfe && body[2] === 0x00 && body[3] === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  // Without a mark, UTF-16 and UTF-32 still start with "<" next to zero bytes.
  if (body[0] === 0x00 && body[1] === 0x00 && body[2] === 0x00 && body[3] === 0x3c) return { encoding: 'utf-32be', length: 0 };
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x00 && body[3] === 0x00) return { encoding: 'utf-32le', length: 0 };
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] !== 0x00) return { encoding: 'utf-16le', length: 0 };
  if (body[0] === 0x00 && body[1] === 0x3c) return { encoding: 'utf-16be', length: 0 };
  return undefined;
}

/** XML's default is UTF-8, but undeclared feeds that are not valid UTF-8 are, in practice, windows-1252. */
function decodeUndeclared(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWith('windows-1252', bytes);
  }
}

/** An encoding name no decoder knows ("bogus") counts as no declaration at all. */
function isKnownEncoding(name: string): boolean {
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(encoding: string, bytes: Buffer): string {
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(bytes, encoding === 'utf-32le');
  const decoder = new TextDecoder(encoding);
  const text = decoder.decode(bytes);
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(C1_CONTROL, (control) => WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80]!);
}

/** TextDecoder has no UTF-32 (the Encoding Standard left it out), so it is read by hand. */
function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4 * CHUNK) {
    const codePoints: number[] = [];
    for (let at = offset; at < Math.min(offset + 4 * CHUNK, bytes.length - 3); at += 4) {
      const codePoint = view.getUint32(at, littleEndian);
      const isScalarValue = codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
      codePoints.push(isScalarValue ? codePoint : 0xfffd);
    }
    chunks.push(String.fromCodePoint(...codePoints));
  }
  return chunks.join('');
}
