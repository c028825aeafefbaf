import { ROLES, type Role } from '../domain/taxonomy.ts';
import type { ClientToServerEvents } from './contract.ts';

const EVERYONE = ROLES;

/**
 * Which roles may send each client → server event. Typed over the contract, so an event added
 * there does not compile until it is given its roles here; an event not listed is refused.
 * Every current event is case work that every role does; managing users, statistics and the
 * audit log are HTTP-only and checked there.
 */
export const SOCKET_EVENT_ROLES: Readonly<Record<keyof ClientToServerEvents, readonly Role[]>> = {
  'case:watch': EVERYONE,
  'case:unwatch': EVERYONE,
  'case:typing': EVERYONE,
  'presence:all': EVERYONE,
};

export function socketEventAllowed(event: unknown, role: Role): boolean {
  if (typeof event !== 'string' || !Object.hasOwn(SOCKET_EVENT_ROLES, event)) return false;
  return SOCKET_EVENT_ROLES[event as keyof ClientToServerEvents].includes(role);
}
