/**
 * The whole schema, one file per area. A channel that needs tables of its own adds a file here
 * and one export line; `npm run db:generate` then writes the migration.
 */
export * from './accounts.ts';
export * from './core.ts';
export * from './email.ts';
export * from './inbox.ts';
export * from './institution-loop.ts';
export * from './meta.ts';
export * from './outcomes.ts';
export * from './outreach.ts';
export * from './people.ts';
export * from './phone.ts';
export * from './pipeline.ts';
export * from './record.ts';
export * from './referrals.ts';
export * from './search.ts';
export * from './shift.ts';
export * from './taxonomy.ts';
export * from './triage.ts';
export * from './trust.ts';
export * from './urls.ts';
