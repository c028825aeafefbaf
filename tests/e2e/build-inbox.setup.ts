import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildInbox } from './e2e-helpers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web inbox built once for this run; every browser test serves it (builtInbox()). */
    inboxDist: string;
  }
}

/** One build per run, in a directory of its own, so a run never serves another run's half-written build. */
export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-e2e-inbox-'));
  buildInbox(dir);
  project.provide('inboxDist', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
