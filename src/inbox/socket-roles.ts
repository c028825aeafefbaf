import { type Role, STAFF_ROLES } from '../domain/taxonomy.ts';
import type { ClientToServerEvents } from './contract.ts';

/** Case work: educators and partners see no case, so they send none of these. */
const CASE_WORKERS = STAFF_ROLES;

/**
 * Which roles may send each client → server event. Typed over the contract, so an event added
 * there does not compile until it is given its roles here; an event not listed is refused.
 * Every current event is case work that every case worker does (educators and partners none);
 * managing users, statistics and the audit log are HTTP-only and checked there.
 */
export const SOCKET_EVENT_ROLES: Readonly<Record<keyof ClientToServerEvents, readonly Role[]>> = {
  'case:watch': CASE_WORKERS,
  'case:unwatch': CASE_WORKERS,
  'case:typing': CASE_WORKERS,
  'presence:all': CASE_WORKERS,
};

export function socketEventAllowed(event: unknown, role: Role): boolean {
  if (typeof event !== 'string' || !Object.hasOwn(SOCKET_EVENT_ROLES, event)) return false;
  return SOCKET_EVENT_ROLES[event as keyof ClientToServerEvents].includes(role);
}
