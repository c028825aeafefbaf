import type { AuditEntry, AuditOf } from './audit.ts';
import type { Actor } from './case.service.ts';
import type { Place } from './case-description.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { SERBIAN_PLACES } from './serbian-places.ts';

export type PlaceNames = { 'sr-Latn': string; 'sr-Cyrl': string; en: string };
export const MUNICIPALITY_KINDS = ['city', 'municipality', 'city_municipality'] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

export interface MunicipalityView {
  code: string;
  district: string;
  names: PlaceNames;
  kind: MunicipalityKind;
  retired: boolean;
}

export interface DistrictView {
  code: string;
  names: PlaceNames;
  retired: boolean;
  municipalities: MunicipalityView[];
}

export interface MunicipalityPatch {
  names?: Partial<PlaceNames>;
  district?: string;
  kind?: MunicipalityKind;
  retired?: boolean;
}

export interface PlaceStorePort {
  /** Every district with its municipalities, in the list's order, retired ones included. */
  list(): Promise<DistrictView[]>;
  /** Insert what is missing; never touches a place that exists (an admin's edit stays). */
  seed(now: Date): Promise<void>;
  /** False when the code is taken. */
  addMunicipality(
    input: { code: string; district: string; names: PlaceNames; kind: MunicipalityKind },
    now: Date,
    audit: AuditOf<void>,
  ): Promise<boolean>;
  updateMunicipality(code: string, patch: MunicipalityPatch, now: Date, audit: AuditOf<void>): Promise<void>;
  updateDistrict(
    code: string,
    patch: { names?: Partial<PlaceNames>; retired?: boolean },
    now: Date,
    audit: AuditOf<void>,
  ): Promise<void>;
}

/** The seed as the store writes it: districts in order, each with its places. */
export const PLACE_SEED = SERBIAN_PLACES.map((d, i) => ({
  code: d.code,
  names: { 'sr-Latn': d.name[0], 'sr-Cyrl': d.name[1], en: d.name[2] } satisfies PlaceNames,
  position: i,
  municipalities: d.places.map((p, j) => ({
    code: p.code,
    // Serbian names are used in English too (as maps and the statistics office write them).
    names: { 'sr-Latn': p.name[0], 'sr-Cyrl': p.name[1], en: p.name[0] } satisfies PlaceNames,
    kind: p.kind,
    position: j,
  })),
}));

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new ForbiddenError('only admins edit the list of places');
};

/**
 * Is `place` one a case may be given? The district must exist, the municipality (if any) must lie in
 * it; a retired place is refused unless the case already has it. Null when it may.
 */
export function placeProblem(list: DistrictView[], place: Place, current: Place | null): string | null {
  const district = list.find((d) => d.code === place.district);
  if (!district) return 'unknown district';
  const kept = current?.district === place.district;
  if (district.retired && !kept) return 'retired district';
  if (place.municipality === null) return null;
  const m = district.municipalities.find((x) => x.code === place.municipality);
  if (!m) return 'not a municipality of this district';
  if (m.retired && current?.municipality !== place.municipality) return 'retired municipality';
  return null;
}

/** The list of places cases are described with: shipped with the project, kept by admins. */
export function createPlacesService(d: { store: PlaceStorePort }) {
  const entry = (actor: Actor, action: string, entityId: string, details: Record<string, unknown>): AuditEntry => ({
    actorId: actor.id,
    action,
    entityType: 'place',
    entityId,
    ip: actor.ip,
    details,
  });
  return {
    list: () => d.store.list(),
    seedDefaults: (now = new Date()) => d.store.seed(now),

    async addMunicipality(
      actor: Actor,
      input: { code: string; district: string; names: PlaceNames; kind: MunicipalityKind },
    ): Promise<DistrictView[]> {
      requireAdmin(actor);
      const list = await d.store.list();
      if (!list.some((x) => x.code === input.district))
        throw new ValidationError('unknown district', [{ field: 'district', message: 'unknown district' }]);
      const added = await d.store.addMunicipality(input, new Date(), () => [
        entry(actor, 'place.add', input.code, { ...input }),
      ]);
      if (!added)
        throw new ValidationError('code taken', [{ field: 'code', message: 'a place with this code exists' }]);
      return d.store.list();
    },

    async changeMunicipality(actor: Actor, code: string, patch: MunicipalityPatch): Promise<DistrictView[]> {
      requireAdmin(actor);
      const list = await d.store.list();
      if (!list.some((x) => x.municipalities.some((m) => m.code === code))) throw new NotFoundError('municipality');
      if (patch.district !== undefined && !list.some((x) => x.code === patch.district))
        throw new ValidationError('unknown district', [{ field: 'district', message: 'unknown district' }]);
      await d.store.updateMunicipality(code, patch, new Date(), () => [
        entry(actor, 'place.update', code, { ...patch }),
      ]);
      return d.store.list();
    },

    async changeDistrict(
      actor: Actor,
      code: string,
      patch: { names?: Partial<PlaceNames>; retired?: boolean },
    ): Promise<DistrictView[]> {
      requireAdmin(actor);
      if (!(await d.store.list()).some((x) => x.code === code)) throw new NotFoundError('district');
      await d.store.updateDistrict(code, patch, new Date(), () => [entry(actor, 'place.update', code, { ...patch })]);
      return d.store.list();
    },
  };
}

export type PlacesService = ReturnType<typeof createPlacesService>;
