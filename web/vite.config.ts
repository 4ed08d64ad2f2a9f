import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The portal: built from web/ into web/dist, which the API server serves at `/`. */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts: keep every module an asset file of its own.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev:web`: the API of a server started with `npm start` on its default port.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
