import { describe, expect, it } from 'vitest';
import { planFetches } from '../../connectors/email/imap-watcher.ts';
import { loadEmailConfig } from '../../src/channels/email/email-config.ts';

const MB = 1024 * 1024;
const limits = { maxRawBytes: 10 * MB, fetchBudgetBytes: 20 * MB };

describe('IMAP fetch plan: sizes decide what is fetched together, alone, or not at all', () => {
  it('batches small mail, fetches big mail alone within the budget, and never fetches over-limit mail whole', () => {
    const plan = planFetches(
      [
        { uid: 5, size: 9 * MB },
        { uid: 1, size: 1_000 },
        { uid: 2, size: 2_000 },
        { uid: 3, size: 11 * MB },
        { uid: 4, size: 9 * MB },
        { uid: 6, size: 3_000 },
        { uid: 7, size: 9 * MB },
      ],
      limits,
    );
    expect(plan).toEqual([
      { kind: 'whole', uids: [1, 2] },
      { kind: 'headers', uid: 3, size: 11 * MB },
      { kind: 'whole', uids: [4, 5, 6] },
      { kind: 'whole', uids: [7] },
    ]);
  });

  it('fetches a mail of unknown size alone, and a mail bigger than the budget but within the limit alone', () => {
    expect(
      planFetches([{ uid: 1, size: 10 }, { uid: 2 }, { uid: 3, size: 10 }], { ...limits, fetchBudgetBytes: MB }),
    ).toEqual([
      { kind: 'whole', uids: [1] },
      { kind: 'whole', uids: [2] },
      { kind: 'whole', uids: [3] },
    ]);
  });

  it('keeps every planned group within the budget for a burst of fifty 3 MB mails', () => {
    const plan = planFetches(
      Array.from({ length: 50 }, (_, i) => ({ uid: i + 1, size: 3 * MB })),
      limits,
    );
    expect(plan.flatMap((s) => (s.kind === 'whole' ? s.uids : []))).toHaveLength(50);
    expect(Math.max(...plan.map((s) => (s.kind === 'whole' ? s.uids.length * 3 * MB : 0)))).toBeLessThanOrEqual(
      limits.fetchBudgetBytes,
    );
  });

  it('budget: EMAIL_FETCH_BUDGET_MB, or twice EMAIL_MAX_RAW_MB', () => {
    const imap = { IMAP_URL: 'imap://u:p@h/INBOX' };
    expect(loadEmailConfig({ ...imap, EMAIL_MAX_RAW_MB: '8' }, undefined)?.fetchBudgetBytes).toBe(16 * MB);
    expect(loadEmailConfig({ ...imap, EMAIL_FETCH_BUDGET_MB: '100' }, undefined)?.fetchBudgetBytes).toBe(100 * MB);
    expect(() => loadEmailConfig({ ...imap, EMAIL_FETCH_BUDGET_MB: '0' }, undefined)).toThrow(/EMAIL_FETCH_BUDGET_MB/);
  });
});
