import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

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

/** The receipt for a form submission key: a keyed hash, so only this server can derive it. */
export function receiptCodeFor(secret: string, submissionKey: string): string {
  const mac = createHmac('sha256', secret).update(`report-receipt:${submissionKey.toLowerCase()}`).digest();
  let s = '';
  // Two bytes per symbol: 65,536 mod 31 leaves a negligible bias.
  for (let i = 0; i < 16; i++) s += RECEIPT_ALPHABET[mac.readUInt16BE(i * 2) % RECEIPT_ALPHABET.length];
  return s.match(/.{4}/g)?.join('-') ?? s;
}

/** Receipts are compared after normalising what a person may type (case, spaces, missing dashes). */
export const hashReceipt = (code: string) => sha256Hex(code.toUpperCase().replace(/[^0-9A-Z]/g, ''));

/** A password shown once to the first admin. */
export const newPassword = () => randomBytes(18).toString('base64url');
