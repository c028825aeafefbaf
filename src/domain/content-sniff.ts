import { fileTypeFromBuffer } from 'file-type';

/** Bytes enough for every signature file-type knows (it reads at most about 4 kB for most formats). */
export const SNIFF_BYTES = 4100;

export interface Sniffed {
  mime: string;
  ext: string;
}

/** How the inbox and the form treat a file; decided by what the bytes are, never by its name or label. */
export type AttachmentKind =
  | 'image'
  | 'video'
  | 'audio'
  | 'pdf'
  | 'document'
  | 'archive'
  | 'executable'
  | 'text'
  | 'unknown';

const isUtf8Text = (head: Buffer): boolean => {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // A multi-byte character cut at the end of the sample is not a reason to call it binary.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
};

/** What the bytes are: a known signature, plain UTF-8 text, or nothing recognisable. */
export async function sniffContent(head: Buffer): Promise<Sniffed | undefined> {
  const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES)).catch(() => undefined);
  if (found) return { mime: found.mime, ext: found.ext };
  return isUtf8Text(head.subarray(0, SNIFF_BYTES)) ? { mime: 'text/plain', ext: 'txt' } : undefined;
}

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
  'audio/mp3': 'audio/mpeg',
  'application/x-zip-compressed': 'application/zip',
  'video/x-quicktime': 'video/quicktime',
};

const normaliseMime = (t: string): string => {
  const base = (t.split(';')[0] ?? '').trim().toLowerCase();
  return ALIASES[base] ?? base;
};

const ARCHIVES = new Set([
  'application/zip',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'application/gzip',
  'application/x-tar',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
]);

const EXECUTABLES = new Set([
  'application/x-msdownload',
  'application/vnd.microsoft.portable-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-msi',
  'application/vnd.android.package-archive',
  'application/wasm',
  'application/java-vm',
  'application/x-sh',
  'application/x-executable',
  'application/x-sharedlib',
  'application/java-archive',
]);

const DOCUMENTS =
  /^application\/(msword|rtf|epub\+zip|vnd\.openxmlformats-officedocument\..+|vnd\.oasis\.opendocument\..+|vnd\.ms-.+|x-cfb)$/;

export function kindOf(sniffed: Sniffed | undefined): AttachmentKind {
  if (!sniffed) return 'unknown';
  const m = sniffed.mime;
  // SVG and HTML can carry script: never treated as a picture.
  if (m === 'image/svg+xml' || m === 'text/html' || m === 'application/xhtml+xml') return 'document';
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('video/')) return 'video';
  if (m.startsWith('audio/')) return 'audio';
  if (m === 'application/pdf') return 'pdf';
  if (EXECUTABLES.has(m)) return 'executable';
  if (ARCHIVES.has(m)) return 'archive';
  if (DOCUMENTS.test(m)) return 'document';
  if (m.startsWith('text/')) return 'text';
  return 'unknown';
}

/** Labels that say nothing about the content cannot be contradicted by it. */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/**
 * Does the declared type contradict the bytes? A generic label never does; a text label on a
 * recognised binary does; a binary label (image/png) on bytes that match nothing or are text does.
 */
export function isMismatch(declared: string, sniffed: Sniffed | undefined): boolean {
  const d = normaliseMime(declared);
  if (GENERIC.has(d)) return false;
  if (!sniffed) return !d.startsWith('text/');
  const s = normaliseMime(sniffed.mime);
  if (s === d) return false;
  // Text sniffing cannot tell CSV from plain text: any text label fits text bytes.
  if (s === 'text/plain' && (d.startsWith('text/') || d === 'application/json' || d === 'application/xml'))
    return false;
  // Office formats are zip (or CFB) containers; a zip sniffed under an office label is no lie.
  if ((s === 'application/zip' || s === 'application/x-cfb') && DOCUMENTS.test(d)) return false;
  return true;
}
