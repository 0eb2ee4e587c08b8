// Secrets kept at rest (chat platforms' tokens) are sealed with AES-256-GCM under a key the
// operator holds outside the database (SITROOM_ENCRYPTION_KEY): a copy of the database or a backup
// alone gives no token away. Each sealed value is bound to what it belongs to (its row's key, as
// additional authenticated data), so a sealed token moved to another row does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format's version, first in every sealed value, so that another cipher can be added beside it. */
const FORMAT = 'v1';

export interface SecretSealer {
  seal(secret: string, boundTo: string): string;
  /** Throws when the value was sealed under another key, for another row, or was altered. */
  open(sealed: string, boundTo: string): string;
}

/**
 * The key as the operator writes it: 32 bytes in base64 (`openssl rand -base64 32`) or in hex. Throws
 * an Error whose message says what is wrong with it, for the one line sitroom refuses to start with.
 */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const hex = /^[0-9a-f]{64}$/i.test(trimmed);
  const key = Buffer.from(trimmed, hex ? 'hex' : 'base64');
  // Node's base64 decoder skips what is not base64: text that does not read back the same was not a key.
  if (key.length !== KEY_BYTES || (!hex && key.toString('base64') !== trimmed)) {
    throw new Error(`expected ${KEY_BYTES} random bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`) or in hex (64 characters)`);
  }
  return key;
}

export function createSecretSealer(key: Buffer): SecretSealer {
  if (key.length !== KEY_BYTES) throw new Error(`an AES-256 key is ${KEY_BYTES} bytes, not ${key.length}`);
  return {
    seal(secret, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64')}`;
    },
    open(sealed, boundTo) {
      const [format, payload] = sealed.split(':');
      if (format !== FORMAT || payload === undefined) throw new Error(`not a sealed secret of format ${FORMAT}`);
      const bytes = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
