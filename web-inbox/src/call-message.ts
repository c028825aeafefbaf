import type { MessageView } from '../../src/inbox/contract.ts';
import { ApiError } from './api.ts';
import { h, replace } from './dom.ts';
import { fullTime } from './format.ts';
import { isKey, t } from './i18n/index.ts';
import { durationText } from './i18n/labels.ts';
import { parseDuration, phoneApi } from './phone-api.ts';
import { field } from './phone-dialog.ts';

const str = (f: Record<string, unknown>, k: string) =>
  typeof f[k] === 'string' && f[k] !== '' ? (f[k] as string) : null;
/** A code of the call's fields in words; a code this inbox does not know shows as it came. */
const known = (prefix: string, v: string | null): string | null => {
  if (v === null) return null;
  const key = `phone.${prefix}${v}`;
  return isKey(key) ? t(key) : v;
};

/**
 * A call message's data as a readable list. The recording address is text to copy, never a link or
 * a player: nothing plays by a stray click.
 */
export function callBlock(m: MessageView): HTMLElement | null {
  const f = m.fields;
  if (m.channel !== 'phone' || !f) return null;
  const duration = typeof f.durationSec === 'number' ? f.durationSec : null;
  const ended = str(f, 'state') === 'ended' || str(f, 'endedAt') !== null;
  const outcome = str(f, 'outcome');
  const rows: [string, string | null][] = [
    [t('phone.direction'), known('dir_', str(f, 'direction'))],
    [t('phone.outcome'), outcome ? known('out_', outcome) : ended ? null : t('phone.inProgress')],
    [t('phone.callLength'), duration !== null && ended ? durationText(duration) : ended ? null : t('phone.inProgress')],
    // A hand-logged call's "line" is not a number: only the other party's number is worth a row.
    [t('phone.from'), str(f, 'from') === str(f, 'line') ? null : str(f, 'from')],
    [t('phone.to'), str(f, 'to') === str(f, 'line') ? null : str(f, 'to')],
    [t('phone.counselor'), str(f, 'agent')],
    [t('phone.phoneLine'), str(f, 'line')],
    [t('phone.source'), known('src_', str(f, 'source'))],
  ];
  const started = str(f, 'startedAt');
  const transcript = str(f, 'transcript');
  const recording = str(f, 'recordingUrl');
  const notes = str(f, 'notes');
  const callId = str(f, 'callId');
  const inProgress = str(f, 'source') === 'manual' && !ended && callId !== null;
  return h(
    'section',
    { class: 'call-fields', 'aria-label': t('phone.call') },
    h(
      'dl',
      {},
      started ? [h('dt', {}, t('phone.call')), h('dd', {}, h('time', { datetime: started }, fullTime(started)))] : null,
      rows.filter((r) => r[1] !== null).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value ?? '')]),
      notes ? [h('dt', {}, t('phone.callNotes')), h('dd', { class: 'call-notes' }, notes)] : null,
      transcript ? [h('dt', {}, t('phone.transcript')), h('dd', { class: 'transcript' }, transcript)] : null,
      recording ? [h('dt', {}, t('phone.recording')), h('dd', {}, h('code', { class: 'url' }, recording))] : null,
    ),
    inProgress && callId ? finishControl(callId) : null,
  );
}

/** A call logged while it was going on is finished here; the message updates live when it is. */
function finishControl(callId: string): HTMLElement {
  const wrap = h('div', { class: 'call-finish' });
  const open = h('button', { type: 'button', class: 'small' }, t('phone.finishCall'));
  replace(wrap, open);
  open.addEventListener('click', () => {
    const duration = h('input', { type: 'text', inputmode: 'numeric', maxlength: 8, name: 'duration' });
    const notes = h('textarea', { name: 'notes', rows: 2, maxlength: 20000 });
    const status = h('p', { class: 'form-status', role: 'status' });
    const save = h('button', { type: 'submit', class: 'primary small' }, t('phone.save'));
    const cancel = h('button', { type: 'button', class: 'small' }, t('phone.cancel'));
    const form = h(
      'form',
      { class: 'call-finish-form', 'aria-label': t('phone.finishTitle'), novalidate: true },
      field(t('phone.duration'), duration),
      field(t('phone.callNotes'), notes),
      status,
      h('div', { class: 'dialog-actions' }, save, cancel),
    );
    cancel.addEventListener('click', () => {
      replace(wrap, open);
      open.focus();
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const sec = parseDuration(duration.value);
      if (sec === null || sec === undefined) {
        status.className = 'form-status error';
        status.textContent = t('phone.durationInvalid');
        duration.focus();
        return;
      }
      save.disabled = true;
      const text = notes.value.trim();
      phoneApi.finishCall(callId, { durationSec: sec, ...(text && { notes: text }) }).then(
        () => {
          status.textContent = t('phone.saving');
        },
        (err: unknown) => {
          save.disabled = false;
          status.className = 'form-status error';
          const reason = err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : String(err);
          status.textContent = t('phone.finishFailed', { reason });
        },
      );
    });
    replace(wrap, form);
    duration.focus();
  });
  return wrap;
}
