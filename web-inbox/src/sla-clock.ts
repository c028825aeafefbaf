/** Where a case stands against its first-response target; pure, so the list and header agree. */
export type SlaState =
  | { kind: 'answered' }
  | { kind: 'closed' }
  | { kind: 'due'; minutesLeft: number }
  | { kind: 'overdue'; minutesLate: number };

export function slaState(
  c: { firstResponseDueAt: string; firstResponseAt: string | null; status: string },
  now: Date,
): SlaState {
  if (c.firstResponseAt !== null) return { kind: 'answered' };
  if (c.status === 'closed') return { kind: 'closed' };
  const diff = Date.parse(c.firstResponseDueAt) - now.getTime();
  return diff >= 0
    ? { kind: 'due', minutesLeft: Math.floor(diff / 60_000) }
    : { kind: 'overdue', minutesLate: Math.ceil(-diff / 60_000) };
}

/** "45 min", "3 h 20 min", "2 d 4 h": coarse enough to read at a glance. */
export function spanText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  if (h < 48) return minutes % 60 === 0 ? `${h} h` : `${h} h ${minutes % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
