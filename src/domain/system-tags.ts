/**
 * Tags the system sets, shared by the server and the web inbox (no imports: the inbox bundles it).
 * A known-hash match tags its case "abuse material"; only supervisors and admins may take it off.
 */
export const ABUSE_MATERIAL_TAG = 'abuse material';

/**
 * A message quoted another case's reference (or answered its mail) from an address that is not
 * that case's contact: it opened this case instead, linked to the quoted one. The case carries the
 * tag, the message the flag; the inbox shows both in the counselor's language.
 */
export const FOREIGN_REFERENCE_TAG = 'foreign reference';
export const FOREIGN_REFERENCE_FLAG = 'foreign_reference';

/** Whether a user of this role may remove this tag from a case (the server checks it too). */
export const mayRemoveTag = (tag: string, role: string): boolean => tag !== ABUSE_MATERIAL_TAG || role !== 'counselor';
