import { asc, eq, sql } from 'drizzle-orm';
import { NotFoundError } from '../domain/errors.ts';
import {
  type DistrictView,
  type MunicipalityKind,
  PLACE_SEED,
  type PlaceNames,
  type PlaceStorePort,
} from '../domain/places.service.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { districts, municipalities } from './schema/index.ts';

const namesOf = (r: { nameSrLatn: string; nameSrCyrl: string; nameEn: string }): PlaceNames => ({
  'sr-Latn': r.nameSrLatn,
  'sr-Cyrl': r.nameSrCyrl,
  en: r.nameEn,
});

const columnsOf = (n: Partial<PlaceNames>) => ({
  ...(n['sr-Latn'] !== undefined && { nameSrLatn: n['sr-Latn'] }),
  ...(n['sr-Cyrl'] !== undefined && { nameSrCyrl: n['sr-Cyrl'] }),
  ...(n.en !== undefined && { nameEn: n.en }),
});

export function createPlaceRepository(db: Db): PlaceStorePort {
  return {
    async list(): Promise<DistrictView[]> {
      const ds = await db.select().from(districts).orderBy(asc(districts.position), asc(districts.code));
      const ms = await db.select().from(municipalities).orderBy(asc(municipalities.position), asc(municipalities.code));
      return ds.map((d) => ({
        code: d.code,
        names: namesOf(d),
        retired: d.retiredAt !== null,
        municipalities: ms
          .filter((m) => m.district === d.code)
          .map((m) => ({
            code: m.code,
            district: m.district,
            names: namesOf(m),
            kind: m.kind as MunicipalityKind,
            retired: m.retiredAt !== null,
          })),
      }));
    },

    async seed(now) {
      // Several nodes may start together: a conflict means another one seeded first.
      await db.transaction(async (t) => {
        await t
          .insert(districts)
          .values(
            PLACE_SEED.map((d) => ({
              code: d.code,
              nameSrLatn: d.names['sr-Latn'],
              nameSrCyrl: d.names['sr-Cyrl'],
              nameEn: d.names.en,
              position: d.position,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .onConflictDoNothing();
        await t
          .insert(municipalities)
          .values(
            PLACE_SEED.flatMap((d) =>
              d.municipalities.map((m) => ({
                code: m.code,
                district: d.code,
                nameSrLatn: m.names['sr-Latn'],
                nameSrCyrl: m.names['sr-Cyrl'],
                nameEn: m.names.en,
                kind: m.kind,
                position: m.position,
                createdAt: now,
                updatedAt: now,
              })),
            ),
          )
          .onConflictDoNothing();
      });
    },

    async addMunicipality(input, now, audit) {
      return db.transaction(async (t) => {
        const rows = await t
          .insert(municipalities)
          .values({
            code: input.code,
            district: input.district,
            nameSrLatn: input.names['sr-Latn'],
            nameSrCyrl: input.names['sr-Cyrl'],
            nameEn: input.names.en,
            kind: input.kind,
            position: sql`(select coalesce(max(${municipalities.position}), -1) + 1 from ${municipalities}
              where ${municipalities.district} = ${input.district})`,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning({ code: municipalities.code });
        if (rows.length === 0) return false;
        await writeAudit(t, audit(), now);
        return true;
      });
    },

    async updateMunicipality(code, patch, now, audit) {
      await db.transaction(async (t) => {
        const rows = await t
          .update(municipalities)
          .set({
            ...columnsOf(patch.names ?? {}),
            ...(patch.district !== undefined && { district: patch.district }),
            ...(patch.kind !== undefined && { kind: patch.kind }),
            ...(patch.retired !== undefined && { retiredAt: patch.retired ? now : null }),
            updatedAt: now,
          })
          .where(eq(municipalities.code, code))
          .returning({ code: municipalities.code });
        if (rows.length === 0) throw new NotFoundError('municipality');
        await writeAudit(t, audit(), now);
      });
    },

    async updateDistrict(code, patch, now, audit) {
      await db.transaction(async (t) => {
        const rows = await t
          .update(districts)
          .set({
            ...columnsOf(patch.names ?? {}),
            ...(patch.retired !== undefined && { retiredAt: patch.retired ? now : null }),
            updatedAt: now,
          })
          .where(eq(districts.code, code))
          .returning({ code: districts.code });
        if (rows.length === 0) throw new NotFoundError('district');
        await writeAudit(t, audit(), now);
      });
    },
  };
}
