import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/** One "address/prefix" (or a bare address, meaning just it), checked the way BlockList will take it. */
function parseCidr(entry: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, extra] = entry.split('/');
  const v = isIP(address);
  if (v === 0 || extra !== undefined) return undefined;
  const max = v === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return { address, prefix, type: v === 4 ? 'ipv4' : 'ipv6' };
}

/** `TRUSTED_NETWORKS`: comma- or space-separated CIDRs; one bad entry stops the start, naming it. */
export const cidrListFromEnv = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const entries = (v ?? '').split(/[\s,]+/).filter(Boolean);
    for (const e of entries)
      if (!parseCidr(e)) ctx.addIssue({ code: 'custom', message: `not a network in CIDR form (10.0.0.0/8): ${e}` });
    return Object.freeze(entries);
  });

/** `PUBLIC_HOSTS`: host names (no port) the server may put into a link when PUBLIC_URL is unset. */
export const hostListFromEnv = z
  .string()
  .optional()
  .transform((v) =>
    Object.freeze(
      (v?.trim() ? v : 'localhost,127.0.0.1,[::1]')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  );

/** Whether a client address is inside one of the networks (IPv4-mapped IPv6 addresses count as IPv4). */
export function networkMatcher(cidrs: readonly string[]): (ip: string | undefined | null) => boolean {
  if (cidrs.length === 0) return () => false;
  const list = new BlockList();
  for (const c of cidrs) {
    const n = parseCidr(c);
    if (n) list.addSubnet(n.address, n.prefix, n.type);
  }
  return (ip) => {
    if (!ip) return false;
    const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const v = isIP(plain);
    return v !== 0 && list.check(plain, v === 4 ? 'ipv4' : 'ipv6');
  };
}
