import { describe, expect, it } from 'vitest';
import { StoryIndex } from '../../src/analysis/story-index.js';
import { WordIds } from '../../src/analysis/word-ids.js';
import { crisisWordWeights, WordFrequencies } from '../../src/analysis/word-frequencies.js';

describe('numbering the words the word weights hold', () => {
  it('gives a number no one holds to the next new word, and forgets the word that had it', () => {
    const ids = new WordIds();
    const old = ids.hold('old');
    ids.hold('kept');
    ids.release(old);
    expect(ids.idOf('old')).toBe(-1);
    expect(ids.hold('geneva')).toBe(old);
    expect(ids.wordOf(old)).toBe('geneva');
    expect(ids.capacity).toBe(2);
  });

  it('weighs a forgotten word as one never seen, and the word that took its number by its own count', () => {
    const frequencies = new WordFrequencies({ windowMs: 10 });
    frequencies.add(0, ['old', 'russia']);
    frequencies.add(20, ['russia']);
    frequencies.advanceTo(20);
    frequencies.add(21, ['geneva', 'russia']);
    const fresh = new WordFrequencies({ windowMs: 10 });
    fresh.add(20, ['russia']);
    fresh.add(21, ['geneva', 'russia']);
    for (const word of ['old', 'geneva', 'russia', 'never']) expect(frequencies.weight(word)).toBe(fresh.weight(word));
  });

  it('keeps a word the story index still holds after the stream forgot it, with its weight of now', () => {
    const stream = new WordFrequencies({ windowMs: 10 });
    const crisis = new WordFrequencies({ windowMs: 10, ids: stream.ids });
    const weights = crisisWordWeights(stream, crisis);
    const index = new StoryIndex({ windowMs: 1_000, frequencies: weights, maxWordShare: 0.5 });
    const report = { words: ['berdyansk', 'warship'], headline: ['berdyansk', 'warship'] };
    stream.add(0, report.words);
    crisis.add(0, report.words);
    index.add({ itemId: 1, clusterId: 1, at: 0 }, report);
    expect(index.nearest(report, 1)?.similarity).toBeCloseTo(1);
    // The stream forgets both words and numbers a run of new ones: none may take the story's numbers.
    stream.advanceTo(50);
    crisis.advanceTo(50);
    for (let at = 50; at < 60; at++) stream.add(at, [`filler${at}`]);
    const match = index.nearest(report, 60);
    expect(match?.itemId).toBe(1);
    expect(match?.similarity).toBeCloseTo(1);
    expect(match?.shared).toEqual(['berdyansk', 'warship']);
  });

  it('refuses word counts numbered apart, whose weights could not be read together', () => {
    expect(() => crisisWordWeights(new WordFrequencies({ windowMs: 10 }), new WordFrequencies({ windowMs: 10 }))).toThrow(/number words alike/);
  });
});
