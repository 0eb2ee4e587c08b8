// The Latin spellings a name written in Cyrillic may have in the news, so /who ушаков finds
// Ushakov and /who Зеленського finds Zelensky: Russian and Ukrainian transliteration
// (cyrillic-to-translit-js), of the word and of its stem, as the Russian Snowball stemmer gives it
// (Путина, Путину → путин), since Slavic names inflect.
import { createRequire } from 'node:module';
import { cyrillicStem, hasCyrillic } from '../text/cyrillic-stem.js';

type Transliteration = (config: { preset: 'ru' | 'uk' }) => { transform(input: string): string };
// The package is CommonJS whose types describe an ES default export that Node does not give: loaded with require.
const cyrillicToTranslit = createRequire(import.meta.url)('cyrillic-to-translit-js') as Transliteration;

const transliterations = [cyrillicToTranslit({ preset: 'ru' }), cyrillicToTranslit({ preset: 'uk' })];

/** Lower-case Latin forms of one Cyrillic word, whole and stemmed; none for a word in another script. */
export function latinForms(word: string): string[] {
  if (!hasCyrillic(word)) return [];
  const lower = word.toLowerCase();
  const stem = cyrillicStem(lower);
  return [...new Set([lower, stem].flatMap((form) => transliterations.map((transliteration) => transliteration.transform(form).toLowerCase())))];
}
