import { hostIsOn } from './url-normalise.ts';

/**
 * Platforms a reported link can be on, recognised by host. The list is the admins' (table
 * `url_platforms`); these are the rows seeded when missing, never written over. The report
 * addresses are the platforms' public help and report pages as of writing: an admin checks and
 * keeps them current. A host on none of them is "other".
 */
export interface PlatformView {
  code: string;
  name: string;
  /** Domains whose hosts (and sub-hosts) belong to the platform: `facebook.com` covers `m.facebook.com`. */
  hosts: string[];
  abuseEmail: string | null;
  abuseUrl: string | null;
  position: number;
  retiredAt: string | null;
}

export type PlatformSeed = Omit<PlatformView, 'retiredAt'>;

/** The value of `platform` for a host on no listed platform. */
export const OTHER_PLATFORM = 'other';

const seed = (
  code: string,
  name: string,
  hosts: string[],
  abuse: { email?: string; url?: string },
  position: number,
): PlatformSeed => ({ code, name, hosts, abuseEmail: abuse.email ?? null, abuseUrl: abuse.url ?? null, position });

export const DEFAULT_PLATFORMS: readonly PlatformSeed[] = [
  seed(
    'facebook',
    'Facebook',
    ['facebook.com', 'fb.com', 'fb.me', 'fb.watch', 'messenger.com'],
    {
      url: 'https://www.facebook.com/help/',
    },
    10,
  ),
  seed('instagram', 'Instagram', ['instagram.com', 'instagr.am', 'ig.me'], { url: 'https://help.instagram.com/' }, 20),
  seed('tiktok', 'TikTok', ['tiktok.com'], { url: 'https://www.tiktok.com/legal/report' }, 30),
  seed(
    'youtube',
    'YouTube',
    ['youtube.com', 'youtu.be', 'youtube-nocookie.com'],
    {
      url: 'https://support.google.com/youtube/',
    },
    40,
  ),
  seed('x', 'X (Twitter)', ['x.com', 'twitter.com', 't.co'], { url: 'https://help.x.com/forms' }, 50),
  seed(
    'telegram',
    'Telegram',
    ['t.me', 'telegram.me', 'telegram.org', 'telegram.dog'],
    {
      email: 'abuse@telegram.org',
    },
    60,
  ),
  seed(
    'discord',
    'Discord',
    ['discord.com', 'discord.gg', 'discordapp.com', 'discord.me'],
    {
      url: 'https://dis.gd/request',
    },
    70,
  ),
  seed('snapchat', 'Snapchat', ['snapchat.com'], { url: 'https://help.snapchat.com/' }, 80),
  seed('viber', 'Viber', ['viber.com', 'invite.viber.com', 'vb.me'], { url: 'https://help.viber.com/' }, 90),
  seed('imgur', 'Imgur', ['imgur.com'], { url: 'https://help.imgur.com/' }, 100),
  seed('imgbb', 'ImgBB', ['imgbb.com', 'ibb.co'], {}, 110),
  seed('postimages', 'Postimages', ['postimages.org', 'postimg.cc'], {}, 120),
  seed('lightshot', 'Lightshot (prnt.sc)', ['prnt.sc', 'prntscr.com'], {}, 130),
  seed('gyazo', 'Gyazo', ['gyazo.com'], {}, 140),
];

/** The platform a host is on: the one whose listed domain matches most of it; retired ones are skipped. */
export function platformOf(host: string, platforms: readonly Pick<PlatformView, 'code' | 'hosts' | 'retiredAt'>[]) {
  let best: { code: string; length: number } | null = null;
  for (const p of platforms) {
    if (p.retiredAt) continue;
    for (const d of p.hosts)
      if (hostIsOn(host, d) && (!best || d.length > best.length)) best = { code: p.code, length: d.length };
  }
  return best?.code ?? null;
}
