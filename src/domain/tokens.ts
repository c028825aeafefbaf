import { createHash, randomBytes, randomInt } from 'node:crypto';

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A session token for a cookie: 256 bits. */
export const newSessionToken = () => randomBytes(32).toString('base64url');

/** Receipt alphabet without look-alikes (0/O, 1/I/L), readable over the phone. */
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A receipt code the reporter keeps: 16 symbols (~79 bits) in groups of four, e.g. 7KQ2-M9XD-… */
export function newReceiptCode(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return s.match(/.{4}/g)?.join('-') ?? s;
}

/** Receipts are compared after normalising what a person may type (case, spaces, missing dashes). */
export const hashReceipt = (code: string) => sha256Hex(code.toUpperCase().replace(/[^0-9A-Z]/g, ''));

/** A password shown once to the first admin. */
export const newPassword = () => randomBytes(18).toString('base64url');
