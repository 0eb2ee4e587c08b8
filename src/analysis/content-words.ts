// The words that say what an item is about: normalised tokens without the function words that
// every English news text shares.
import { asReadText, type ReadText } from './normalize-text.js';

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself
  his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours
  ourselves out over own same she should so some such than that the their theirs them themselves then there these they this
  those through to too under until up very was we were what when where which while who whom why will with would you your
  yours yourself yourselves said says say told new one two news live latest update updates report reports according amid
  mr mrs ms dr s t don didn isn wasn aren weren won`.split(/\s+/),
);

/** Unique content words of a text, in first-seen order. */
export function contentWords(text: string | ReadText): string[] {
  const seen = new Set<string>();
  for (const word of asReadText(text).words) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    seen.add(word);
  }
  return [...seen];
}
