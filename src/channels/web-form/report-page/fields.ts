import type { Lang } from '../../../i18n/messages.ts';
import { escapeHtml } from './escape.ts';
import { msg } from './layout.ts';

/**
 * Form controls of the report page. Conventions shared with assets/report.js:
 * control id `field-<name>`, hint id `hint-<name>`, error id `error-<name>`; each field sits in
 * `[data-field="<name>"]`; the error goes right before `[data-error-anchor]`; elements with
 * `[data-describe]` carry aria-describedby.
 */

export type FormValues = Readonly<Record<string, string | string[] | undefined>>;

export interface FieldContext {
  lang: Lang;
  values: FormValues;
  errors: ReadonlyMap<string, string>;
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** Last value wins, as in the schema; a repeated textarea (urls) is joined line by line. */
export function fieldValue(ctx: FieldContext, name: string): string {
  const v = ctx.values[name];
  if (Array.isArray(v)) return name === 'urls' ? v.join('\n') : (v[v.length - 1] ?? '');
  return typeof v === 'string' ? v : '';
}

const isTruthy = (v: string): boolean => /^(on|true|1|yes)$/i.test(v.trim());

const marker = (lang: Lang, required: boolean): string =>
  ` <span class="marker">${msg(lang, required ? 'field.required' : 'field.optional')}</span>`;

function errorHtml(ctx: FieldContext, name: string): string {
  const message = ctx.errors.get(name);
  if (message === undefined) return '';
  return `<p class="field-error" id="error-${escapeHtml(name)}"><span class="visually-hidden">${msg(ctx.lang, 'errors.prefix')}</span> ${escapeHtml(message)}</p>`;
}

/** aria-describedby pointing at the hint, then the error, when they exist. */
function describedBy(ctx: FieldContext, name: string, hasHint: boolean): string {
  const ids = [hasHint ? `hint-${name}` : '', ctx.errors.has(name) ? `error-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ` aria-describedby="${escapeHtml(ids.join(' '))}"` : '';
}

const invalid = (ctx: FieldContext, name: string): string => (ctx.errors.has(name) ? ' aria-invalid="true"' : '');

/** Both, for a single control. */
const describe = (ctx: FieldContext, name: string, hasHint: boolean): string =>
  `${describedBy(ctx, name, hasHint)}${invalid(ctx, name)}`;

const hintHtml = (name: string, hint: string | undefined): string =>
  hint === undefined ? '' : `<p class="hint" id="hint-${escapeHtml(name)}">${escapeHtml(hint)}</p>`;

const groupOpen = (ctx: FieldContext, name: string, extraClass = ''): string =>
  `<div class="field${extraClass}${ctx.errors.has(name) ? ' field--error' : ''}" data-field="${escapeHtml(name)}">`;

export function textareaField(
  ctx: FieldContext,
  o: {
    name: string;
    label: string;
    hint?: string;
    required: boolean;
    rows: number;
    maxLength?: number;
    attrs?: string;
  },
): string {
  const id = `field-${o.name}`;
  const limits = o.maxLength === undefined ? '' : ` maxlength="${escapeHtml(o.maxLength)}"`;
  const required = o.required ? ' required aria-required="true"' : '';
  // The newline after <textarea> is eaten by the HTML parser, so a value starting with one survives.
  return `${groupOpen(ctx, o.name)}
<label class="label" for="${escapeHtml(id)}">${escapeHtml(o.label)}${marker(ctx.lang, o.required)}</label>
${hintHtml(o.name, o.hint)}${errorHtml(ctx, o.name)}
<textarea class="textarea" id="${escapeHtml(id)}" name="${escapeHtml(o.name)}" rows="${escapeHtml(o.rows)}"${limits}${required}${o.attrs ?? ''} data-describe data-error-anchor${describe(ctx, o.name, o.hint !== undefined)}>
${escapeHtml(fieldValue(ctx, o.name))}</textarea>
</div>`;
}

export function inputField(
  ctx: FieldContext,
  o: {
    name: string;
    type: 'email' | 'tel' | 'text';
    label: string;
    hint?: string;
    autocomplete: string;
    maxLength: number;
  },
): string {
  const id = `field-${o.name}`;
  return `${groupOpen(ctx, o.name)}
<label class="label" for="${escapeHtml(id)}">${escapeHtml(o.label)}</label>
${hintHtml(o.name, o.hint)}${errorHtml(ctx, o.name)}
<input class="input" type="${escapeHtml(o.type)}" id="${escapeHtml(id)}" name="${escapeHtml(o.name)}" value="${escapeHtml(fieldValue(ctx, o.name))}" autocomplete="${escapeHtml(o.autocomplete)}" maxlength="${escapeHtml(o.maxLength)}" spellcheck="false" data-describe data-error-anchor${describe(ctx, o.name, o.hint !== undefined)}>
</div>`;
}

export function selectField(
  ctx: FieldContext,
  o: { name: string; label: string; hint?: string; emptyLabel: string; choices: readonly Choice[] },
): string {
  const id = `field-${o.name}`;
  const current = fieldValue(ctx, o.name);
  const options = [{ value: '', label: o.emptyLabel }, ...o.choices]
    .map((c) => {
      const selected = c.value === current ? ' selected' : '';
      return `<option value="${escapeHtml(c.value)}"${selected}>${escapeHtml(c.label)}</option>`;
    })
    .join('\n');
  return `${groupOpen(ctx, o.name)}
<label class="label" for="${escapeHtml(id)}">${escapeHtml(o.label)}${marker(ctx.lang, false)}</label>
${hintHtml(o.name, o.hint)}${errorHtml(ctx, o.name)}
<select class="select" id="${escapeHtml(id)}" name="${escapeHtml(o.name)}" data-describe data-error-anchor${describe(ctx, o.name, o.hint !== undefined)}>
${options}
</select>
</div>`;
}

/** A radio group in a fieldset; the first radio has id `field-<name>` so error links land on it. */
export function radioField(
  ctx: FieldContext,
  o: { name: string; legend: string; hint?: string; optional: boolean; choices: readonly Choice[]; checked: string },
): string {
  const radios = o.choices
    .map((c, i) => {
      const id = i === 0 ? `field-${o.name}` : `field-${o.name}-${c.value}`;
      const hintId = `hint-${o.name}-${c.value}`;
      const checked = c.value === o.checked ? ' checked' : '';
      const hint =
        c.hint === undefined ? '' : `\n<p class="hint radio-hint" id="${escapeHtml(hintId)}">${escapeHtml(c.hint)}</p>`;
      const by = c.hint === undefined ? '' : ` aria-describedby="${escapeHtml(hintId)}"`;
      return `<div class="radio">
<input class="radio-input" type="radio" id="${escapeHtml(id)}" name="${escapeHtml(o.name)}" value="${escapeHtml(c.value)}"${checked}${by}${invalid(ctx, o.name)}>
<label class="radio-label" for="${escapeHtml(id)}">${escapeHtml(c.label)}</label>${hint}
</div>`;
    })
    .join('\n');
  const marked = o.optional ? marker(ctx.lang, false) : '';
  return `${groupOpen(ctx, o.name)}
<fieldset class="fieldset" data-describe${describedBy(ctx, o.name, o.hint !== undefined)}>
<legend class="legend">${escapeHtml(o.legend)}${marked}</legend>
${hintHtml(o.name, o.hint)}${errorHtml(ctx, o.name)}
<div class="radios" data-error-anchor>
${radios}
</div>
</fieldset>
</div>`;
}

export function checkboxField(ctx: FieldContext, o: { name: string; label: string }): string {
  const id = `field-${o.name}`;
  const checked = isTruthy(fieldValue(ctx, o.name)) ? ' checked' : '';
  return `${groupOpen(ctx, o.name)}
${errorHtml(ctx, o.name)}
<div class="checkbox" data-error-anchor>
<input class="checkbox-input" type="checkbox" id="${escapeHtml(id)}" name="${escapeHtml(o.name)}" value="true"${checked} data-describe${describe(ctx, o.name, false)}>
<label class="checkbox-label" for="${escapeHtml(id)}">${escapeHtml(o.label)}</label>
</div>
</div>`;
}

/** Off-screen field that people never see or reach; bots fill it and are quietly dropped. */
export function honeypotField(lang: Lang): string {
  return `<div class="hp" aria-hidden="true">
<label for="field-website">${msg(lang, 'field.website.label')}</label>
<input type="text" id="field-website" name="website" value="" tabindex="-1" autocomplete="off">
</div>`;
}
