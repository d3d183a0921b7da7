/** Vite build and dev server for the operator's editor (root `editor/`, output `editor/dist`, `/v1` proxied to the server). */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.LIFECYCLE_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  root: 'editor',
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/v1': { target: server, changeOrigin: true } },
  },
});
