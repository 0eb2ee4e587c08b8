// Splits a document into sentences of tagged tokens with wink-nlp and its English model (an npm
// package: nothing is downloaded). Lines are read one at a time, because the model runs a line
// without closing punctuation into the next sentence.
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { ItemSentence } from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';
import { isHeading, isNoiseLine, stripLineFurniture } from './noise-lines.js';

export interface Token {
  text: string;
  /** Universal part-of-speech tag: PROPN, NOUN, VERB, NUM, PUNCT, ... */
  pos: string;
  /** Offset of the token in its sentence's text. */
  start: number;
}

export interface Sentence {
  index: number;
  text: string;
  /** The title or a heading line: read for known names and dates only. */
  isHeading: boolean;
  /** Sentences of one line share a paragraph number; quotes run on within a paragraph. */
  paragraph: number;
  tokens: Token[];
}

type WinkNlp = ReturnType<typeof winkNLP>;
let loaded: WinkNlp | undefined;
/** The packages and the model take over a second to load: only a start that reads text pays for them. */
function nlp(): WinkNlp {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = (require('wink-nlp') as typeof winkNLP)(require('wink-eng-lite-web-model') as typeof model, ['sbd', 'pos']);
  }
  return loaded;
}

export function readSentences(title: string, text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lines = [title, ...text.split(/\r?\n/)];
  const cleanTitle = stripLineFurniture(title);
  lines.forEach((rawLine, lineIndex) => {
    if (isNoiseLine(rawLine)) return;
    const line = stripLineFurniture(rawLine);
    // A feed item's text often repeats its title as the first line.
    if (lineIndex > 0 && line === cleanTitle) return;
    if (line === '') return;
    const heading = lineIndex === 0 || isHeading(line);
    for (const sentence of splitLine(line)) {
      sentences.push({ ...sentence, index: sentences.length, isHeading: heading, paragraph: lineIndex });
    }
  });
  return sentences;
}

function splitLine(line: string): Array<Pick<Sentence, 'text' | 'tokens'>> {
  const { its } = nlp();
  const doc = nlp().readDoc(line);
  const values = doc.tokens().out();
  const spaces = doc.tokens().out(its.precedingSpaces);
  const tags = doc.tokens().out(its.pos);
  const offsets: number[] = [];
  let cursor = 0;
  values.forEach((value, index) => {
    cursor += (spaces[index] ?? '').length;
    // The model keeps every character, so offsets can be rebuilt; search as a guard all the same.
    const found = line.indexOf(value, cursor);
    offsets.push(found >= 0 ? found : cursor);
    cursor = (found >= 0 ? found : cursor) + value.length;
  });
  const result: Array<Pick<Sentence, 'text' | 'tokens'>> = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const [first, last] = sentence.out(its.span) as unknown as [number, number];
    const start = offsets[first] ?? 0;
    const end = (offsets[last] ?? 0) + (values[last] ?? '').length;
    const tokens: Token[] = [];
    for (let index = first; index <= last; index += 1) {
      const value = values[index] ?? '';
      if (value.trim() === '') continue;
      tokens.push({ text: value, pos: tags[index] ?? 'X', start: (offsets[index] ?? 0) - start });
    }
    result.push({ text: line.slice(start, end), tokens });
  });
  return result;
}
