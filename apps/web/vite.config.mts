import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The API paths the dev server forwards to `npm start` (the built app is served by the API itself). */
const api = [
  '/me',
  '/search',
  '/organisations',
  '/indicators',
  '/evaluations',
  '/rules',
  '/keys',
  '/reviews',
  '/bundles',
  '/submissions',
  '/health',
  '/docs',
];

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      api.map((path) => [
        path,
        {
          target: process.env.SAKIP_API ?? 'http://127.0.0.1:3000',
          bypass: (req) => (req.headers.accept?.includes('text/html') ? '/index.html' : undefined),
        },
      ]),
    ),
  },
});
