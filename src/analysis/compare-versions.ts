// What a correction changed: a re-published item's new version against the one it replaces. A new
// headline or a changed figure is news about the story; a reworded sentence or a fixed typo is not.
import { tokenize } from './normalize-text.js';

export interface Correction {
  /** The headline or a figure changed: the version is an update of its story. */
  matters: boolean;
  /** For /why: what changed, with the earlier wording. */
  reason: string;
}

const FIGURE = /^\p{N}/u;

export function compareVersions(earlier: { id: number; title: string; text: string }, current: { title: string; text: string }): Correction {
  const headlineChanged = tokenize(earlier.title).join(' ') !== tokenize(current.title).join(' ');
  const before = figuresIn(`${earlier.title}\n${earlier.text}`);
  const after = figuresIn(`${current.title}\n${current.text}`);
  const gone = before.filter((figure) => !after.includes(figure));
  const added = after.filter((figure) => !before.includes(figure));
  const changes: string[] = [];
  if (headlineChanged) changes.push(`headline changed, was "${earlier.title}"`);
  if (gone.length > 0 || added.length > 0) changes.push(`figures changed: ${[gone.length > 0 ? `${gone.join(', ')} gone` : '', added.length > 0 ? `${added.join(', ')} new` : ''].filter(Boolean).join(', ')}`);
  if (changes.length === 0) return { matters: false, reason: `correction of item ${earlier.id}: wording changed, not the headline or a figure` };
  return { matters: true, reason: `correction of item ${earlier.id}: ${changes.join('; ')}` };
}

function figuresIn(text: string): string[] {
  return [...new Set(tokenize(text).filter((word) => FIGURE.test(word)))];
}
