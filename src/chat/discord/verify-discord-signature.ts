// Discord signs every request to the interactions endpoint with the application's Ed25519 key:
// X-Signature-Ed25519 over the X-Signature-Timestamp header followed by the raw body. A request it
// did not sign, or one replayed later, is refused before anything reads its body.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How far a request's timestamp may be from now, either way (clocks differ; Slack allows the same). */
export const SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;
const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/i;
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;

/** The application's public key as the developer portal shows it (64 hex digits); throws saying so otherwise. */
export function parseDiscordPublicKey(hex: string): KeyObject {
  if (!PUBLIC_KEY_HEX.test(hex.trim())) throw new Error('expected the application\'s public key from the developer portal (General Information): 64 hexadecimal digits');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex.trim(), 'hex').toString('base64url') }, format: 'jwk' });
}

/** Undefined when Discord signed this request now; otherwise why it is refused. */
export function signatureProblem(publicKey: KeyObject, headers: IncomingHttpHeaders, body: Buffer, now: number): string | undefined {
  const signature = headers['x-signature-ed25519'];
  const timestamp = headers['x-signature-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'missing signature headers';
  if (!SIGNATURE_HEX.test(signature)) return 'malformed signature';
  const signedAt = Number(timestamp) * 1000;
  if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > SIGNATURE_MAX_AGE_MS) return 'stale or malformed timestamp';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, publicKey, Buffer.from(signature, 'hex')) ? undefined : 'invalid signature';
}
