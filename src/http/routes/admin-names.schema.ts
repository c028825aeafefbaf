import { z } from 'zod';

/*
 * What admins type when they name a category, a sub-category or a place: one rule for every list
 * they edit, so a label or a code accepted in one is accepted in all.
 */

const hasControl = (v: string) => [...v].some((ch) => (ch.codePointAt(0) ?? 0) < 32 || ch === '\u007f');

/** A label in one language: 1–120 characters, no control characters. */
export const adminLabel = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((v) => !hasControl(v), 'no control characters');

/** A code the server and the inbox key by: lower-case letters, digits and _. */
export const adminCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,47}$/, 'lower-case letters, digits and _, starting with a letter (2–48)');
