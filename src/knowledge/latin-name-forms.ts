// The Latin spellings a name written in Cyrillic may have in the news, so /who ушаков finds
// Ushakov and /who Зеленського finds Zelensky: Russian and Ukrainian transliteration
// (cyrillic-to-translit-js), of the word and of its stem, as the Russian Snowball stemmer gives it
// (Путина, Путину → путин), since Slavic names inflect.
import { createRequire } from 'node:module';
import snowball from 'snowball-stemmers';

type Transliteration = (config: { preset: 'ru' | 'uk' }) => { transform(input: string): string };
// The package is CommonJS whose types describe an ES default export that Node does not give: loaded with require.
const cyrillicToTranslit = createRequire(import.meta.url)('cyrillic-to-translit-js') as Transliteration;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const transliterations = [cyrillicToTranslit({ preset: 'ru' }), cyrillicToTranslit({ preset: 'uk' })];
const russianStemmer = snowball.newStemmer('russian');

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

/** The Russian Snowball stem of a lower-case Cyrillic word (путина, путину → путин); any other word as it is. */
export function cyrillicStem(word: string): string {
  return hasCyrillic(word) ? russianStemmer.stem(word) : word;
}

/** Lower-case Latin forms of one Cyrillic word, whole and stemmed; none for a word in another script. */
export function latinForms(word: string): string[] {
  if (!hasCyrillic(word)) return [];
  const lower = word.toLowerCase();
  const stem = cyrillicStem(lower);
  return [...new Set([lower, stem].flatMap((form) => transliterations.map((transliteration) => transliteration.transform(form).toLowerCase())))];
}
