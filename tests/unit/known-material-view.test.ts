import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnownHashFile } from '../../src/config/known-hashes-file.ts';
import { caseDetailForRole, counselorEvent, messageForRole } from '../../src/domain/known-material-view.ts';
import type { AttachmentView, CaseDetail, MessageView } from '../../src/domain/views.ts';
import { createLogger } from '../../src/logging/logger.ts';

const file = (over: Partial<AttachmentView>): AttachmentView => ({
  id: 'a1',
  fileName: 'ime.png',
  contentType: 'image/png',
  size: 123,
  sha256: 'f'.repeat(64),
  withheldReason: null,
  detectedType: 'image/png',
  kind: 'image',
  typeMismatch: false,
  knownMaterial: false,
  ...over,
});
const message = (attachments: AttachmentView[]) => ({ id: 'm1', caseId: 'c1', attachments }) as unknown as MessageView;

describe('known material as each role sees it', () => {
  it('counselors get only "withheld known material"; other files and other roles are untouched', () => {
    const m = message([file({ knownMaterial: true }), file({ id: 'a2', fileName: 'dopis.pdf' })]);
    const c = messageForRole(m, 'counselor');
    expect(c.attachments[0]).toMatchObject({ fileName: '', size: 0, sha256: '', withheldReason: 'known_material' });
    expect(c.attachments[1]?.fileName).toBe('dopis.pdf');
    expect(messageForRole(m, 'supervisor')).toBe(m);
    expect(messageForRole(m, 'admin')).toBe(m);
    const d = { id: 'c1', messages: [m] } as unknown as CaseDetail;
    expect(JSON.stringify(caseDetailForRole(d, 'counselor'))).not.toContain('ime.png');
    expect(caseDetailForRole(d, 'admin')).toBe(d);
  });

  it('only message events with a known file get a counselors’ copy', () => {
    const plain = message([file({})]);
    expect(counselorEvent({ type: 'message:updated', caseId: 'c1', message: plain })).toBeUndefined();
    expect(counselorEvent({ type: 'case:tags', caseId: 'c1', tags: [] })).toBeUndefined();
    const e = counselorEvent({
      type: 'message:updated',
      caseId: 'c1',
      message: message([file({ knownMaterial: true })]),
    });
    expect(e && 'message' in e ? e.message.attachments[0]?.fileName : undefined).toBe('');
  });
});

describe('known-hash file: added hashes', () => {
  it('tells listeners which hashes a reload added, not the ones it had', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'known-added-'));
    const f = path.join(dir, 'k.txt');
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
    fs.writeFileSync(f, `${a}\n`);
    const list = loadKnownHashFile(f, createLogger('silent'));
    const seen: string[][] = [];
    list.onAdded((added) => seen.push([...added.keys()]));
    list.refresh();
    expect(seen).toEqual([]);
    fs.appendFileSync(f, `${b} # later\n`);
    list.refresh();
    expect(seen).toEqual([[b]]);
    expect(list.entries().get(b)).toBe('k.txt:2 later');
    fs.appendFileSync(f, '# only a comment\n');
    list.refresh();
    expect(seen).toEqual([[b]]);
    fs.rmSync(dir, { recursive: true });
  });
});
