import busboy from 'busboy';
import type { RequestHandler } from 'express';

declare global {
  namespace Express {
    interface Request {
      /** Form fields of a multipart post that carried a file (name of each such field). */
      sentFiles?: string[];
    }
  }
}

/**
 * The public form takes no files (they could be abuse material, which must not travel). A
 * multipart post is still read, so its text fields are validated like any other post, and each
 * file part is recorded by its field name and thrown away unread: nothing of it is stored.
 */
export function multipartFormFields(limits: { fields: number; fieldBytes: number }): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fields: limits.fields, fieldSize: limits.fieldBytes, files: 20, parts: limits.fields + 20 },
      });
    } catch {
      res.status(400).json({ error: 'validation', fields: [{ field: 'body', message: 'malformed multipart body' }] });
      return;
    }
    const body: Record<string, string | string[]> = {};
    const files: string[] = [];
    let tooLarge = false;
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) tooLarge = true;
      const before = body[name];
      body[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
    });
    bb.on('file', (name, stream, info) => {
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      // An empty file input (nothing chosen) is not a file.
      stream.on('end', () => {
        if (bytes > 0 || info.filename) if (!files.includes(name)) files.push(name);
      });
      stream.resume();
    });
    bb.on('error', () => {
      if (!res.headersSent)
        res.status(400).json({ error: 'validation', fields: [{ field: 'body', message: 'malformed multipart body' }] });
    });
    bb.on('close', () => {
      if (res.headersSent) return;
      if (tooLarge) {
        res.status(413).json({ error: 'entity.too.large', message: 'request too large' });
        return;
      }
      req.body = body;
      req.sentFiles = files;
      next();
    });
    req.pipe(bb);
  };
}
