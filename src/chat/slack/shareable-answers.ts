// Private answers a user may still share in the channel, by the key their "Share in channel" button
// carries. Sharing posts the answer as it was given: asking again could differ, or repeat an edit.
import type { Reply } from '../reply.js';

export interface ShareableAnswer {
  line: string;
  answer: Reply;
}

/** A response_url lasts 30 minutes; a few hundred answers cover any team's half hour. */
const KEPT = 500;

export class ShareableAnswers {
  private readonly answers = new Map<string, ShareableAnswer>();
  private counter = 0;

  keep(line: string, answer: Reply): string {
    const key = `answer-${++this.counter}`;
    this.answers.set(key, { line, answer });
    // A Map iterates in insertion order, so the first key is the oldest.
    if (this.answers.size > KEPT) this.answers.delete(this.answers.keys().next().value!);
    return key;
  }

  /** The answer once: after it is shared, its button does nothing more. */
  take(key: string): ShareableAnswer | undefined {
    const found = this.answers.get(key);
    this.answers.delete(key);
    return found;
  }
}
