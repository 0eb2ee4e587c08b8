// The Russian Snowball stem of Cyrillic words, since Slavic names inflect (Путина, Путину → путин):
// keyword rules match a text's words by it, and /who spells a Cyrillic name in Latin from it.
import snowball from 'snowball-stemmers';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const russianStemmer = snowball.newStemmer('russian');

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

/** The Russian Snowball stem of a lower-case Cyrillic word (путина, путину → путин); any other word as it is. */
export function cyrillicStem(word: string): string {
  return hasCyrillic(word) ? russianStemmer.stem(word) : word;
}
