/**
 * `npm run build`, second half: compile the server (src/ and connectors/) to plain JavaScript in
 * dist/, so `npm start` runs `node dist/src/main.js` without a TypeScript loader in the process.
 * The files the server reads beside its code (migrations, the report page's assets, the built
 * inbox) are copied to the same relative places under dist/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist');

fs.rmSync(OUT, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const dir of ['migrations', 'src/channels/web-form/report-page/assets', 'web-inbox/dist']) {
  const from = path.join(ROOT, dir);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(OUT, dir), { recursive: true });
}
const main = path.join(OUT, 'src/main.js');
if (!fs.existsSync(main)) throw new Error(`build produced no ${main}`);
console.log(`server compiled to ${path.relative(ROOT, OUT)}/ (start: node dist/src/main.js)`);
