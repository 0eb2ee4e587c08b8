// The Polish Snowball stem of a word, since Polish inflects names and nouns (Rosja, Rosji, Rosję →
// rosj; inwazja, inwazje → inwazj): keyword rules match the words of a Polish text by it.
// Snowball's Polish stemmer comes compiled to WebAssembly in multilingual-stemmer, whose entry point
// instantiates all of its 34 languages asynchronously at import (over 150 ms of CPU at start-up);
// its bindings initialise synchronously in about 5 ms, so they are loaded the first time a Polish
// word needs a stem, and never by a process that reads no Polish.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface StemmerBindings {
  initSync(options: { module: Buffer }): void;
  Stemmer: new (language: number) => { stem(word: string): string };
  Languages: { Polish: number };
}

/** Letters Polish has and English, Spanish or German do not: a text with one is read as Polish. */
const POLISH_LETTER = /[ąćęłńśźżĄĆĘŁŃŚŹŻ]/u;

let stemmer: { stem(word: string): string } | undefined;

export function looksPolish(text: string): boolean {
  return POLISH_LETTER.test(text);
}

/** The Polish Snowball stem of a lower-case word (rosji → rosj); any word gets one. */
export function polishStem(word: string): string {
  stemmer ??= loadStemmer();
  return stemmer.stem(word);
}

function loadStemmer(): { stem(word: string): string } {
  // The package exports only its entry point; its bindings sit beside it. They are an ES module with
  // no top-level await, which Node's require loads synchronously.
  const folder = new URL('./browser/', import.meta.resolve('multilingual-stemmer'));
  const bindings = createRequire(import.meta.url)(fileURLToPath(new URL('index.js', folder))) as StemmerBindings;
  bindings.initSync({ module: readFileSync(fileURLToPath(new URL('index_bg.wasm', folder))) });
  return new bindings.Stemmer(bindings.Languages.Polish);
}
