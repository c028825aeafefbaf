/**
 * The shapes of a catalog (web-inbox/src/i18n/catalogs/): the English object is the source of the keys; every other
 * language is typed from it, so a key missing in one language (or one only it has) is a compile error.
 */
export type Strings<E> = { readonly [K in keyof E]: string };

/** A catalog of several namespaces at once (catalogs/codes.ts: status, priority, …). */
export type Groups<E> = { readonly [G in keyof E]: Strings<E[G]> };

/** Where letter-for-letter transliteration of the Serbian Latin text would be wrong. */
export type GroupOverrides<E> = { readonly [G in keyof E]?: Partial<Strings<E[G]>> };

/** One namespace: English, Serbian Latin, and the Serbian Cyrillic exceptions. */
export interface Area<E> {
  readonly en: E;
  readonly srLatn: Strings<E>;
  readonly srCyrl?: Partial<Strings<E>>;
}
