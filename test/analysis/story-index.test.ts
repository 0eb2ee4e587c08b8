import { describe, expect, it } from 'vitest';
import { contentWords } from '../../src/analysis/content-words.js';
import { StoryIndex } from '../../src/analysis/story-index.js';

const HOUR = 3_600_000;

function indexWith(stories: [number, string, number][]): StoryIndex {
  const index = new StoryIndex({ windowMs: 72 * HOUR, maxDocumentShare: 0.5 });
  for (const [itemId, text, at] of stories) index.add(itemId, itemId, at, contentWords(text));
  return index;
}

describe('finding the same story', () => {
  const index = indexWith([
    [1, 'Russian warship destroyed in occupied port of Berdyansk, says Ukraine', 0],
    [2, 'Senegal beats Egypt to win Africa Cup of Nations trophy', 1 * HOUR],
    [3, 'Storm Eunice: rare red weather warning issued for parts of the UK', 2 * HOUR],
  ]);

  it('finds another outlet’s write-up of a story', () => {
    const match = index.nearest(contentWords('Ukrainians claim to have destroyed large Russian warship in Berdyansk'), 3 * HOUR);
    expect(match?.itemId).toBe(1);
    expect(match?.similarity).toBeGreaterThan(0.35);
  });

  it('scores an unrelated item low', () => {
    const match = index.nearest(contentWords('Wordle bought by the New York Times'), 3 * HOUR);
    expect(match?.similarity ?? 0).toBeLessThan(0.2);
  });

  it('forgets items older than the window', () => {
    expect(index.nearest(contentWords('Russian warship destroyed in Berdyansk'), 80 * HOUR)).toBeUndefined();
    expect(index.size).toBe(0);
  });
});

describe('content words', () => {
  it('drops function words and keeps names and numbers, normalised', () => {
    expect(contentWords('The Kremlin said that 100,000 troops are at the border of Ukraine')).toEqual(['kremlin', '100,000', 'troops', 'border', 'ukraine']);
  });
});
