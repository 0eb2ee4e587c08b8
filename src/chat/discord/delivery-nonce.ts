// The nonce a digest or alert is posted with. With enforce_nonce, Discord answers a second create
// with the same nonce (within a few minutes) with the message it already made, so a retry after a
// lost answer or a crash does not post it twice.
import { createHash } from 'node:crypto';
import type { DeliveryAttempt } from '../chat-adapter.js';

/** Discord takes nonces of at most 25 characters. */
const NONCE_LENGTH = 25;

export function deliveryNonce(delivery: DeliveryAttempt, part: number): { nonce: string; enforce_nonce: true } {
  return { nonce: createHash('sha256').update(`${delivery.key}\n${part}`).digest('base64url').slice(0, NONCE_LENGTH), enforce_nonce: true };
}
