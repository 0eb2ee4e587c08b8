// Feed descriptions are HTML fragments; matching and chat need their text. Links stay in the item's url.
// htmlparser2's tokenizer reads the fragment once, start to end, so unclosed comments, scripts or
// tags cost linear time, and attribute values (an alt="a > b") never leak into the text. Its
// Parser is not used: it keeps open elements with Array.unshift, quadratic on deep nesting.
// Control characters go too (after entities are decoded: &#27; is an escape as well).
import { Tokenizer } from 'htmlparser2';
import { stripControlCharacters } from '../text/strip-control-characters.js';

const INVISIBLE = new Set(['script', 'style', 'template', 'noscript']);
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'pre', 'hr']);

export function htmlToText(html: string): string {
  const pieces: string[] = [];
  let invisibleDepth = 0;
  let openedTag = '';
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
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
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
