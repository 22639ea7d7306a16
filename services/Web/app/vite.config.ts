/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The host (services/Web) serves the build from wwwroot at "/" and forwards /api and /auth.
// In development Vite serves the app and proxies both to the host on 5100.
const host = process.env.FIVESOC_WEB_HOST ?? 'http://127.0.0.1:5100';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: host, changeOrigin: false },
      '/auth': { target: host, changeOrigin: false },
    },
  },
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    pool: 'threads',
    maxWorkers: 2,
    // A guard against a hang, not a speed target: a busy two-core machine takes 20 s for a jsdom page test.
    testTimeout: 60_000,
  },
});
