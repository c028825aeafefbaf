const REFERENCE_RE = /\bKC-(\d{4})-(\d{6,})\b/;

export function formatReference(year: number, seq: number): string {
  return `KC-${year}-${String(seq).padStart(6, '0')}`;
}

/** The case reference quoted anywhere in a text (an e-mail subject "[KC-2026-000123]"). */
export function findReference(text: string | undefined): string | undefined {
  return text ? REFERENCE_RE.exec(text)?.[0] : undefined;
}
