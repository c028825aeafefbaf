import { Secret, TOTP } from 'otpauth';

/** The code an authenticator app shows for `secret`, `offsetSteps` 30-second steps from now. */
export const code = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** A code that is none of the three the server accepts around now. */
export function wrongCode(secret: string): string {
  const near = new Set([code(secret, -1), code(secret), code(secret, 1)]);
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}

/**
 * Codes are made here and checked by the server a moment later; near the end of a 30-second step
 * the two could fall on different steps. Starting each sequence early in a step keeps them together
 * (waits at most a few seconds).
 */
export async function earlyInStep(): Promise<void> {
  const left = TOTP.remaining({ period: 30 });
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
}
