import busboy from 'busboy';
import type { Request, RequestHandler, Response } from 'express';

declare global {
  namespace Express {
    interface Request {
      /** Form fields of a multipart post that carried a file (name of each such field). */
      sentFiles?: string[];
    }
  }
}

/**
 * What a multipart post to the public form may hold. The form takes no files and its text fits in
 * a few hundred kilobytes (a 20,000-character description, 20 links), so anything bigger is not a
 * report: it is refused at the limit, not read to the end.
 */
export const MULTIPART_LIMITS = {
  /** The whole body, as declared (Content-Length) or as it streams in (chunked). */
  bodyBytes: 1024 * 1024,
  /** A file is read only to name its field in the refusal; past this it is not read at all. */
  fileBytes: 256 * 1024,
  files: 5,
  fields: 60,
  /** One field's value (the description: 20,000 characters of up to 4 bytes). */
  fieldBytes: 128 * 1024,
} as const;

/** The same limits, any numbers (the constant's own types are its literal values). */
export type MultipartLimits = { [K in keyof typeof MULTIPART_LIMITS]: number };

/**
 * The public form takes no files (they could be abuse material, which must not travel). A
 * multipart post is still read, so its text fields are validated like any other post, and each
 * small file part is recorded by its field name and thrown away unread: nothing of it is stored.
 * A post over any limit is answered at once by `tooLarge` (413) and the connection is closed: the
 * rest of the body is never read.
 */
export function multipartFormFields(
  limits: MultipartLimits,
  tooLarge: (req: Request, res: Response) => void,
): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const refuse = () => {
      res.set('Cache-Control', 'no-store');
      // Node closes the connection once this answer is written, so nothing more is read.
      res.set('Connection', 'close');
      tooLarge(req, res);
    };
    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.bodyBytes) return refuse();
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: {
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
          files: limits.files,
          fileSize: limits.fileBytes,
          parts: limits.fields + limits.files,
        },
      });
    } catch {
      res.status(400).json({ error: 'validation', fields: [{ field: 'body', message: 'malformed multipart body' }] });
      return;
    }
    const body: Record<string, string | string[]> = {};
    const files: string[] = [];
    let settled = false;
    let received = 0;
    const abort = () => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.pause();
      bb.removeAllListeners('close');
      if (!res.headersSent) refuse();
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.bodyBytes) abort();
    });
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return abort();
      const before = body[name];
      body[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
    });
    bb.on('file', (name, stream, info) => {
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on('limit', abort);
      // A cut-off body ends a file stream with an error; the answer is given elsewhere.
      stream.on('error', () => {});
      // An empty file input (nothing chosen) is not a file.
      stream.on('end', () => {
        if (bytes > 0 || info.filename) if (!files.includes(name)) files.push(name);
      });
      stream.resume();
    });
    bb.on('partsLimit', abort);
    bb.on('filesLimit', abort);
    bb.on('fieldsLimit', abort);
    bb.on('error', () => {
      if (settled) return;
      settled = true;
      if (!res.headersSent)
        res.status(400).json({ error: 'validation', fields: [{ field: 'body', message: 'malformed multipart body' }] });
    });
    bb.on('close', () => {
      if (settled || res.headersSent) return;
      settled = true;
      req.body = body;
      req.sentFiles = files;
      next();
    });
    req.pipe(bb);
  };
}
