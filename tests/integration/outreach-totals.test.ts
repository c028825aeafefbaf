import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutionKey } from '../../src/outreach/outreach.ts';
import { outreachTotals } from '../../src/outreach/outreach-totals.repository.ts';
import type { Store } from '../../src/store/db.ts';
import { outreachActivities } from '../../src/store/schema/index.ts';
import { openTestStore } from '../helpers/services.ts';

type Row = typeof outreachActivities.$inferInsert;

const at = (
  heldOn: string,
  kind: string,
  inst: [string, string, string] | null,
  audience: Partial<Record<'students' | 'parents' | 'teachers' | 'healthWorkers' | 'others', number>> = {},
): Row => ({
  kind,
  heldOn,
  ...(inst && {
    institutionName: inst[0],
    institutionKind: inst[1],
    municipality: inst[2],
    institutionKey: institutionKey(inst[0], inst[2]),
  }),
  ...audience,
  createdAt: new Date(),
  updatedAt: new Date(),
});

describe.each(['pglite', 'postgres'] as const)('outreach totals on %s', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(engine));
    await store.db.insert(outreachActivities).values([
      at('2025-12-31', 'school_presentation', ['OŠ Vuk Karadžić', 'primary_school', 'Čačak'], { students: 1000 }),
      at('2026-01-10', 'school_presentation', ['OŠ Vuk Karadžić', 'primary_school', 'Čačak'], { students: 60 }),
      // The same school in Cyrillic, without diacritics elsewhere: still one school.
      at('2026-02-03', 'parents_meeting', ['ОШ Вук Караџић', 'primary_school', 'Чачак'], { parents: 40 }),
      at('2026-02-04', 'school_presentation', ['os vuk karadzic', 'primary_school', 'Cacak'], { students: 25 }),
      // A school of the same name in another municipality is another school.
      at('2026-03-01', 'school_presentation', ['OŠ Vuk Karadžić', 'primary_school', 'Loznica'], {
        students: 30,
        teachers: 4,
      }),
      at('2026-03-02', 'teacher_training', ['Gimnazija', 'secondary_school', 'Niš'], { teachers: 12, others: 1 }),
      at('2026-04-05', 'health_centre_training', ['Dom zdravlja Niš', 'health_centre', 'Niš'], { healthWorkers: 9 }),
      at('2026-04-06', 'health_centre_training', ['Dom zdravlja Niš', 'health_centre', 'Niš'], { healthWorkers: 6 }),
      at('2026-12-31', 'media_appearance', null, { others: 2 }),
      at('2027-01-01', 'webinar', null, { parents: 500 }),
    ]);
  }, 60_000);
  afterAll(async () => dispose());

  it('counts a period: activities by kind, distinct schools and health centres, audience sums', async () => {
    const t = await outreachTotals(store.db, { from: '2026-01-01', to: '2026-12-31' });
    expect(t).toEqual({
      activitiesByKind: {
        school_presentation: 3,
        parents_meeting: 1,
        teacher_training: 1,
        health_centre_training: 2,
        webinar: 0,
        seminar_workshop: 0,
        media_appearance: 1,
        campaign: 0,
        other: 0,
      },
      distinctSchools: { primary: 2, secondary: 1 },
      distinctHealthCentres: 1,
      students: 115,
      parents: 40,
      teachers: 16,
      healthWorkers: 15,
      others: 3,
    });
  });

  it('counts everything without a period, and nothing in an empty one', async () => {
    const all = await outreachTotals(store.db);
    expect(all.students).toBe(1115);
    expect(all.parents).toBe(540);
    expect(all.activitiesByKind.webinar).toBe(1);
    const none = await outreachTotals(store.db, { from: '2030-01-01' });
    expect(none.students).toBe(0);
    expect(none.distinctSchools).toEqual({ primary: 0, secondary: 0 });
    expect(Object.values(none.activitiesByKind).every((n) => n === 0)).toBe(true);
  });
});
