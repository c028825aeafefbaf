import type { Presence, Viewer } from './contract.ts';

/** What one socket contributes to presence; kept on socket.data so every node can read it. */
export interface SocketPresence {
  watching: string[];
  typingIn: string | null;
}

interface PresenceSocket {
  data: { user: { id: string; name: string }; presence?: SocketPresence };
}

/** One entry per user however many tabs they have open. */
function dedupe(list: Viewer[]): Viewer[] {
  const seen = new Map<string, Viewer>();
  for (const v of list) if (!seen.has(v.userId)) seen.set(v.userId, v);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Presence of every case someone is watching, from the sockets' own data. */
export function presenceOf(sockets: PresenceSocket[], only?: string): Presence[] {
  const byCase = new Map<string, { viewers: Viewer[]; typing: Viewer[] }>();
  for (const s of sockets) {
    const p = s.data.presence;
    if (!p) continue;
    const me = { userId: s.data.user.id, name: s.data.user.name };
    for (const caseId of p.watching) {
      if (only && caseId !== only) continue;
      const entry = byCase.get(caseId) ?? { viewers: [], typing: [] };
      entry.viewers.push(me);
      if (p.typingIn === caseId) entry.typing.push(me);
      byCase.set(caseId, entry);
    }
  }
  const out = [...byCase].map(([caseId, e]) => ({ caseId, viewers: dedupe(e.viewers), typing: dedupe(e.typing) }));
  if (only && out.length === 0) out.push({ caseId: only, viewers: [], typing: [] });
  return out;
}
