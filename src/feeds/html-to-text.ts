// Feed descriptions are HTML fragments; matching and chat need their text. Links stay in the item's url.
import { decodeHTML } from 'entities';

const INVISIBLE = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const BLOCK_BOUNDARY = /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|table|tr|td|th|figure|figcaption|pre|hr)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z!][^>]*>/gi;

export function htmlToText(html: string): string {
  const withoutTags = html.replace(INVISIBLE, ' ').replace(BLOCK_BOUNDARY, '\n').replace(ANY_TAG, '');
  return decodeHTML(withoutTags)
    .replace(/[ \t\u00a0\r\f\v]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}
