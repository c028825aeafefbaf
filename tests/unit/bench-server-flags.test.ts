import { describe, expect, it } from 'vitest';
import { nodeFlagsOfStartScript, SERVER_NODE_FLAGS } from '../../bench/server-process.ts';

describe('bench: the servers under test start as npm start starts them', () => {
  it('reads node’s options from the start script', () => {
    expect(nodeFlagsOfStartScript('npm run build && node --max-semi-space-size=4 dist/src/main.js')).toEqual([
      '--max-semi-space-size=4',
    ]);
    expect(nodeFlagsOfStartScript('node --a=1  --b dist/src/main.js --not-a-node-flag')).toEqual(['--a=1', '--b']);
    expect(nodeFlagsOfStartScript('npm run build && node dist/src/main.js')).toEqual([]);
    expect(nodeFlagsOfStartScript('tsx src/main.ts')).toEqual([]);
  });

  it('uses the shipped start script’s young-generation size (README: the acknowledgement tail)', () => {
    expect(SERVER_NODE_FLAGS).toContain('--max-semi-space-size=4');
  });
});
