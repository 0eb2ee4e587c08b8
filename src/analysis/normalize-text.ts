// One normalisation for everything that is matched: rule terms and item text go through the same
// function, so "KYIV", "Kyïv" and "kyiv" meet, in any script.

const COMBINING_MARKS = /\p{M}+/gu;
/** Plain ASCII has nothing to fold or strip: its normal forms are itself, and most feed text is ASCII. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;
// A number keeps its separators ("100,000", "2.5"); anything else but letters and digits splits words.
const WORD = /\p{N}+(?:[.,]\p{N}+)*(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu;

/** Lower case, compatibility forms folded (NFKC), diacritics removed. */
export function normalizeText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().normalize('NFKC');
}

/** Compatibility forms folded (NFKC) and diacritics removed, capitals kept. */
export function foldKeepingCase(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFKC');
}

/** The words of a text as written, diacritics removed: for terms that match only in capitals (SWIFT). */
export function tokenizeKeepingCase(text: string): string[] {
  return foldKeepingCase(text).match(WORD) ?? [];
}

/** The words of a text after normalisation. */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/** A text with its words, normalised once for the several matchers that read one item. */
export interface ReadText {
  text: string;
  words: readonly string[];
}

export function readText(text: string): ReadText {
  return { text, words: tokenize(text) };
}

/** The text as it is given, with its words. */
export function asReadText(text: string | ReadText): ReadText {
  return typeof text === 'string' ? readText(text) : text;
}
