// Random strings a person may read aloud or type (receipts, enrolment codes): Crockford base32.
// Pure: no storage, no driver; never used for secrets that are not also hashed.
import { randomInt } from 'node:crypto';

/** Crockford base32: digits and capitals without I, L, O, U — nothing to misread aloud. */
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random string of the receipt alphabet. */
export function randomCode(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return s;
}
