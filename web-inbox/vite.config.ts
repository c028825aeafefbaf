import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where a running Kontakt listens, for `vite` dev mode only (the built inbox is served by Kontakt itself). */
const backend = process.env.KONTAKT_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // New screens are Preact components (TSX); the existing ones still build DOM with dom.ts's h().
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The server's CSP allows no inline script or style: keep everything in external files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
});
