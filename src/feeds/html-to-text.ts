// Feed descriptions are HTML fragments; matching and chat need their text. Links stay in the item's url.
// htmlparser2's tokenizer reads the fragment once, start to end, so unclosed comments, scripts or
// tags cost linear time, and attribute values (an alt="a > b") never leak into the text. Its
// Parser is not used: it keeps open elements with Array.unshift, quadratic on deep nesting.
// Control characters go too (after entities are decoded: &#27; is an escape as well). An image
// whose address names it in words (…/cdn-zdjecie-ukraincy-szykuja-sie-na-inwazje-5604668/…) adds
// those words as a line: some feeds say what an item is about only there.
import { Tokenizer } from 'htmlparser2';
import { stripControlCharacters } from '../text/strip-control-characters.js';

const INVISIBLE = new Set(['script', 'style', 'template', 'noscript']);
/** An address segment of this many words of letters or more, joined by hyphens, names its image. */
const WORDS_NAMING_AN_IMAGE = 4;

const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'pre', 'hr']);

export function htmlToText(html: string): string {
  const pieces: string[] = [];
  let invisibleDepth = 0;
  let openedTag = '';
  let attribute = '';
  let attributeValue = '';
  const tagName = (start: number, end: number): string => html.slice(start, end).toLowerCase();
  const enter = (name: string): void => {
    if (INVISIBLE.has(name)) invisibleDepth++;
    else if (BLOCK.has(name)) pieces.push('\n');
  };
  const leave = (name: string): void => {
    if (INVISIBLE.has(name)) invisibleDepth = Math.max(0, invisibleDepth - 1);
    else if (BLOCK.has(name)) pieces.push('\n');
  };
  const ignore = (): void => undefined;
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        openedTag = tagName(start, end);
        enter(openedTag);
      },
      onselfclosingtag: () => leave(openedTag),
      onclosetag: (start, end) => leave(tagName(start, end)),
      ontext(start, end) {
        if (invisibleDepth === 0) pieces.push(html.slice(start, end));
      },
      ontextentity(codePoint) {
        if (invisibleDepth === 0) pieces.push(String.fromCodePoint(codePoint));
      },
      onattribname(start, end) {
        attribute = openedTag === 'img' ? tagName(start, end) : '';
        attributeValue = '';
      },
      onattribdata(start, end) {
        if (attribute === 'src') attributeValue += html.slice(start, end);
      },
      onattribentity(codePoint) {
        if (attribute === 'src') attributeValue += String.fromCodePoint(codePoint);
      },
      onattribend() {
        const words = attribute === 'src' && invisibleDepth === 0 ? wordsNamingImage(attributeValue) : undefined;
        if (words) pieces.push(`\n${words}\n`);
        attribute = '';
      },
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onopentagend: ignore,
      onprocessinginstruction: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return stripControlCharacters(pieces.join(''))
    .replace(/[ \t\u00a0\r\f\v]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
}

/** The words of the address segment that names the image, if one does: its parts of letters only. */
function wordsNamingImage(address: string): string | undefined {
  const segments = address.split(/[/?#]/).map((segment) => segment.split(/[-_]/).filter((part) => /^\p{L}{2,}$/u.test(part)));
  const naming = segments.sort((a, b) => b.length - a.length)[0];
  return naming && naming.length >= WORDS_NAMING_AN_IMAGE ? naming.join(' ') : undefined;
}
