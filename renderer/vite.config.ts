import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMeta } from './csp-meta';

// The renderer is a static bundle loaded from the app's own origin: relative asset paths,
// no inline scripts (CSP script-src 'self'), nothing fetched from anywhere else. The page's
// <meta> policy is written from api/csp.ts at build time (csp-meta.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { strictPort: true },
});
