import type { AuditEntry } from './audit.ts';
import type { Actor } from './case.service.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import type { PlatformView } from './url-platforms.ts';

export interface PlatformInput {
  code: string;
  name: string;
  hosts: string[];
  abuseEmail?: string | null;
  abuseUrl?: string | null;
  position?: number;
}

export interface PlatformPatch {
  name?: string;
  hosts?: string[];
  abuseEmail?: string | null;
  abuseUrl?: string | null;
  position?: number;
  /** true retires it (no longer recognised for new links; items keep it), false brings it back. */
  retired?: boolean;
}

/**
 * The platform list as its admins change it. Each write also gives the items on no platform yet
 * ("other") whose host is now on this one to it (an item on a listed platform keeps it), and
 * writes its audit entries, in one transaction.
 */
export interface UrlPlatformStorePort {
  list(includeRetired: boolean): Promise<PlatformView[]>;
  add(
    input: PlatformInput,
    now: Date,
    audit: (p: PlatformView, matched: number) => AuditEntry[],
  ): Promise<{ platform: PlatformView; matched: number } | null>;
  update(
    code: string,
    patch: PlatformPatch,
    now: Date,
    audit: (before: PlatformView, after: PlatformView, matched: number) => AuditEntry[],
  ): Promise<{ platform: PlatformView; matched: number } | null>;
}

export function createUrlPlatformService(d: { store: UrlPlatformStorePort }) {
  return {
    list: (includeRetired: boolean) => d.store.list(includeRetired),

    async add(actor: Actor, input: PlatformInput): Promise<PlatformView> {
      const made = await d.store.add(input, new Date(), (p, matched) => [
        {
          actorId: actor.id,
          action: 'url_platform.create',
          entityType: 'url_platform',
          entityId: p.code,
          ip: actor.ip,
          details: { platform: p, itemsMatched: matched },
        },
      ]);
      if (!made)
        throw new ValidationError('invalid platform', [{ field: 'code', message: 'a platform with this code exists' }]);
      return made.platform;
    },

    async update(actor: Actor, code: string, patch: PlatformPatch): Promise<PlatformView> {
      const done = await d.store.update(code, patch, new Date(), (before, after, matched) => [
        {
          actorId: actor.id,
          action: 'url_platform.update',
          entityType: 'url_platform',
          entityId: code,
          ip: actor.ip,
          details: { before, after, itemsMatched: matched },
        },
      ]);
      if (!done) throw new NotFoundError('platform');
      return done.platform;
    },
  };
}

export type UrlPlatformService = ReturnType<typeof createUrlPlatformService>;
