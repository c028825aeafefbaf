/**
 * Tags the system sets, shared by the server and the web inbox (no imports: the inbox bundles it).
 * A known-hash match tags its case "abuse material"; only supervisors and admins may take it off.
 */
export const ABUSE_MATERIAL_TAG = 'abuse material';

/** Whether a user of this role may remove this tag from a case (the server checks it too). */
export const mayRemoveTag = (tag: string, role: string): boolean => tag !== ABUSE_MATERIAL_TAG || role !== 'counselor';
