/**
 * Charts of the yearly report as inline SVG, drawn on the server: no script, no external file, so
 * the page prints and passes a CSP without script-src. Colours are presentation attributes (a CSP
 * without 'unsafe-inline' styles would refuse style attributes). Every text is escaped.
 */
import { escapeHtml } from '../escape-html.ts';

export interface Bar {
  label: string;
  value: number;
  /** A second, stacked part (e.g. figures from before Kontakt), drawn lighter. */
  before?: number;
}

const INK = '#1f3a5f';
const LIGHT = '#9db4d0';
const GRID = '#d0d7de';

/** A round axis maximum: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((m) => m * p).find((v) => v >= max) as number) ?? max;
}

const fmt = (n: number, group: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, group);

/** Horizontal bars, one row per item, the value at the bar's end. */
export function horizontalBars(title: string, bars: Bar[], group: string): string {
  const rowH = 22;
  const labelW = 230;
  const barW = 360;
  const h = Math.max(1, bars.length) * rowH + 10;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value + (b.before ?? 0))));
  const rows = bars
    .map((b, i) => {
      const y = 5 + i * rowH;
      const wBefore = ((b.before ?? 0) / max) * barW;
      const w = (b.value / max) * barW;
      return [
        `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="12" fill="#222">${escapeHtml(b.label)}</text>`,
        wBefore > 0
          ? `<rect x="${labelW}" y="${y + 3}" width="${wBefore.toFixed(1)}" height="${rowH - 6}" fill="${LIGHT}"/>`
          : '',
        `<rect x="${(labelW + wBefore).toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${INK}"/>`,
        `<text x="${(labelW + wBefore + w + 4).toFixed(1)}" y="${y + 15}" font-size="12" fill="#222">${fmt(b.value + (b.before ?? 0), group)}</text>`,
      ].join('');
    })
    .join('');
  const width = labelW + barW + 70;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><line x1="${labelW}" y1="0" x2="${labelW}" y2="${h}" stroke="${GRID}"/>${rows}</svg>`;
}

/** Vertical columns (months, years), labels under them and values above. */
export function columns(title: string, bars: Bar[], group: string): string {
  const colW = Math.max(28, Math.min(60, Math.floor(640 / Math.max(1, bars.length))));
  const plotH = 160;
  const top = 18;
  const width = Math.max(1, bars.length) * colW + 20;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value + (b.before ?? 0))));
  const cols = bars
    .map((b, i) => {
      const x = 10 + i * colW;
      const hBefore = ((b.before ?? 0) / max) * plotH;
      const hv = (b.value / max) * plotH;
      const base = top + plotH;
      return [
        hBefore > 0
          ? `<rect x="${x + 4}" y="${(base - hBefore).toFixed(1)}" width="${colW - 8}" height="${hBefore.toFixed(1)}" fill="${LIGHT}"/>`
          : '',
        `<rect x="${x + 4}" y="${(base - hBefore - hv).toFixed(1)}" width="${colW - 8}" height="${hv.toFixed(1)}" fill="${INK}"/>`,
        `<text x="${x + colW / 2}" y="${(base - hBefore - hv - 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="#222">${fmt(b.value + (b.before ?? 0), group)}</text>`,
        `<text x="${x + colW / 2}" y="${base + 14}" text-anchor="middle" font-size="10" fill="#222">${escapeHtml(b.label)}</text>`,
      ].join('');
    })
    .join('');
  const h = top + plotH + 22;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><line x1="10" y1="${top + plotH}" x2="${width - 10}" y2="${top + plotH}" stroke="${GRID}"/>${cols}</svg>`;
}
