// Turns fetched bytes into text using the encoding the document declares, so windows-1251 or
// ISO-8859-1 feeds read correctly. Order: byte-order mark, then the XML declaration, then the
// HTTP charset, then UTF-8.
import { TextDecoder } from 'node:util';

const XML_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
const HTTP_CHARSET = /charset\s*=\s*"?([A-Za-z0-9._:-]+)/i;

export function decodeFeedBody(body: Buffer, contentType: string | null): string {
  const bom = byteOrderMark(body);
  if (bom) return decodeWith(bom.encoding, body.subarray(bom.length));
  const declared = XML_ENCODING.exec(body.subarray(0, 1024).toString('latin1'))?.[1] ?? HTTP_CHARSET.exec(contentType ?? '')?.[1];
  return decodeWith(declared ?? 'utf-8', body);
}

function byteOrderMark(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  // UTF-16 without a mark still starts with "<" next to a zero byte.
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] !== 0x00) return { encoding: 'utf-16le', length: 0 };
  if (body[0] === 0x00 && body[1] === 0x3c) return { encoding: 'utf-16be', length: 0 };
  return undefined;
}

function decodeWith(encoding: string, bytes: Buffer): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    // An encoding name no decoder knows: UTF-8 keeps ASCII markup readable, and the parser reports the rest.
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}
