// Private answers a user may still share in the channel, by the key their "Share in channel" button
// carries. Sharing posts the answer as it was given: asking again could differ, or repeat an edit.
// Keys are random, so one cannot be guessed from another, and a key shares only for the person who
// asked, in the channel they asked in: a private answer never reaches a channel its asker did not choose.
import { randomBytes } from 'node:crypto';
import type { Reply } from '../reply.js';
import type { ShareableAnswerStore } from '../../store/shareable-answer-store.js';

/** Long after a response_url (30 minutes) and the ephemeral message itself are gone in practice. */
export const SHAREABLE_FOR_MS = 24 * 60 * 60 * 1000;
const KEY_BYTES = 18;

export interface Asker {
  /** Platform-qualified ids, as the store keeps them. */
  user: string;
  channel: string;
}

export type ShareClaim =
  | { outcome: 'shared'; line: string; answer: Reply }
  | { outcome: 'unknown' }
  | { outcome: 'expired' }
  | { outcome: 'not-yours' };

export class ShareableAnswers {
  constructor(private readonly store: ShareableAnswerStore, private readonly now: () => number) {}

  async keep(line: string, answer: Reply, asker: Asker): Promise<string> {
    const createdAt = this.now();
    await this.store.removeCreatedBefore(createdAt - SHAREABLE_FOR_MS);
    const key = randomBytes(KEY_BYTES).toString('base64url');
    await this.store.keep({ key, asker: asker.user, channel: asker.channel, line, answer: JSON.stringify(answer), createdAt });
    return key;
  }

  /** The answer once, for its asker in its channel: after it is shared, its button does nothing more. */
  async claim(key: string, clicker: Asker): Promise<ShareClaim> {
    const kept = await this.store.get(key);
    if (!kept) return { outcome: 'unknown' };
    if (kept.createdAt + SHAREABLE_FOR_MS <= this.now()) {
      await this.store.remove(key);
      return { outcome: 'expired' };
    }
    // Refused without removing it: the asker can still share their own answer.
    if (kept.asker !== clicker.user || kept.channel !== clicker.channel) return { outcome: 'not-yours' };
    // Whoever removes it shares it: two clicks at once (on two instances) share it once.
    if (!(await this.store.remove(key))) return { outcome: 'unknown' };
    return { outcome: 'shared', line: kept.line, answer: JSON.parse(kept.answer) as Reply };
  }
}
