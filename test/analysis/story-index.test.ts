import { describe, expect, it } from 'vitest';
import { contentWords } from '../../src/analysis/content-words.js';
import { StoryIndex } from '../../src/analysis/story-index.js';
import { WordFrequencies } from '../../src/analysis/word-frequencies.js';

const HOUR = 3_600_000;

/** A headline-only report: its words are its headline's. */
function wordsOf(headline: string): { words: string[]; headline: string[] } {
  return { words: contentWords(headline), headline: contentWords(headline) };
}

/** A stream in which every crisis report names Russia and Ukraine, as a real one does. */
function indexWith(reports: [number, string, number][], background: string[]): StoryIndex {
  const frequencies = new WordFrequencies({ windowMs: 14 * 24 * HOUR });
  for (const text of background) frequencies.add(0, contentWords(text));
  const index = new StoryIndex({ windowMs: 72 * HOUR, frequencies, maxWordShare: 0.5 });
  for (const [itemId, text, at] of reports) {
    frequencies.add(at, contentWords(text));
    index.add({ itemId, clusterId: itemId, at }, wordsOf(text));
  }
  return index;
}

describe('finding the report of the same development', () => {
  const reports: [number, string, number][] = [
    [1, 'Russian warship destroyed in occupied port of Berdyansk, says Ukraine', 0],
    [2, 'Ukraine says Russia shelled a kindergarten in Luhansk', 1 * HOUR],
    [3, 'Russia and Ukraine: talks in Belarus end without a ceasefire', 2 * HOUR],
  ];
  const background = [
    'Senegal beats Egypt to win Africa Cup of Nations trophy',
    'Storm Eunice: rare red weather warning issued for parts of the UK',
    'Russia says Ukraine must not join Nato',
    'Ukraine crisis: what we know about Russia',
    'Wordle bought by the New York Times',
  ];
  const index = indexWith(reports, background);

  it('finds another outlet’s write-up of a development by the words that tell it apart', () => {
    const match = index.nearest(wordsOf('Ukrainians claim to have destroyed large Russian warship in Berdyansk'), 3 * HOUR);
    expect(match?.itemId).toBe(1);
    expect(match?.similarity).toBeGreaterThan(0.35);
    expect(match?.shared).toContain('berdyansk');
  });

  it('does not join two developments that only share the crisis’ own names', () => {
    const match = index.nearest(wordsOf('Russia recognises two rebel regions of Ukraine'), 3 * HOUR);
    expect(match?.similarity ?? 0).toBeLessThan(0.25);
  });

  it('forgets reports older than the window', () => {
    expect(index.nearest(wordsOf('Russian warship destroyed in Berdyansk'), 80 * HOUR)).toBeUndefined();
    expect(index.reportCount(1)).toBe(0);
  });
});

describe('word weights', () => {
  it('weigh a word by the stream of the window ending at the lookup, whatever was loaded before', () => {
    const ranOn = new WordFrequencies({ windowMs: 10 });
    ranOn.add(0, ['old']);
    ranOn.add(5, ['geneva']);
    ranOn.advanceTo(12);
    const restarted = new WordFrequencies({ windowMs: 10 });
    restarted.add(5, ['geneva']);
    expect(ranOn.weight('geneva')).toBe(restarted.weight('geneva'));
    expect(ranOn.weight('old')).toBe(restarted.weight('old'));
  });
});

describe('content words', () => {
  it('drops function words and keeps names and numbers, normalised', () => {
    expect(contentWords('The Kremlin said that 100,000 troops are at the border of Ukraine')).toEqual(['kremlin', '100,000', 'troops', 'border', 'ukraine']);
  });
});
