import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/knowledge/find-dates.js';

const isoDates = (sentence: string): string[] => findDates(sentence, '2022-01-12').map((found) => found.date.iso);

describe('dates of a sentence, read only where chrono can find one', () => {
  it('reads the day of a sentence whose other words only look like months', () => {
    expect(isoDates('Separatist markets reopened three days ago after a decision in Donetsk')).toEqual(['2022-01-09']);
    expect(isoDates('Marines marched past the embassy this weekend')).toHaveLength(1);
    expect(isoDates('The decision on the separatist regions comes on Monday')).toEqual(['2022-01-10']);
  });

  it('finds none where only such words are', () => {
    expect(isoDates('Separatist leaders reject the market decision of the junta')).toEqual([]);
  });
});
