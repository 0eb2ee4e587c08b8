// What the readers of a document need to know beforehand: the gazetteer of names, and the units
// figures are given in. Built once from configuration and passed to every extraction.
import { compileFigurePattern, type FigurePattern } from './find-numbers.js';
import { Gazetteer, type KnownName } from './gazetteer.js';

export interface ReadingVocabulary {
  names: Gazetteer;
  figures: FigurePattern;
}

export function createReadingVocabulary(setup: { names: readonly KnownName[]; units: Readonly<Record<string, string>> }): ReadingVocabulary {
  return { names: new Gazetteer(setup.names), figures: compileFigurePattern(setup.units) };
}
