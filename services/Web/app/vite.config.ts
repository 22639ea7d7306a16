/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const outDir = fileURLToPath(new URL('../wwwroot', import.meta.url));

/**
 * The files the volunteer's phone app loads (field.html and its chunks, transitively, with their
 * CSS), from Vite's build manifest: the service worker precaches these and not the workbench's.
 */
function fieldFiles(): Set<string> {
  type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[] };
  const manifest = JSON.parse(readFileSync(`${outDir}/.vite/manifest.json`, 'utf8')) as Record<string, Chunk>;
  const files = new Set<string>(['field.html']);
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])].forEach(visit);
  };
  visit('field.html');
  return files;
}

// The host (services/Web) serves the build from wwwroot at "/" and forwards /api and /auth.
// In development Vite serves the app and proxies both to the host on 5100.
const host = process.env.FIVESOC_WEB_HOST ?? 'http://127.0.0.1:5100';

export default defineConfig({
  plugins: [
    react(),
    // The field app's service worker, scoped to /field/: it precaches the field shell, and any
    // navigation under /field/ is answered with field.html, so the app opens with no network.
    // The manifest and icons are static files (public/field.webmanifest, public/field/).
    VitePWA({
      strategies: 'generateSW',
      filename: 'field-sw.js',
      scope: '/field/',
      injectRegister: false,
      manifest: false,
      registerType: 'autoUpdate',
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        manifestTransforms: [async (entries) => {
          const keep = fieldFiles();
          return {
            manifest: entries.filter((e) => keep.has(e.url) || e.url.startsWith('field/') || e.url === 'field.webmanifest' || e.url === 'favicon.svg'),
            warnings: [],
          };
        }],
        navigateFallback: '/field.html',
        navigateFallbackAllowlist: [/^\/field(\/|$)/],
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
    manifest: true,
    rollupOptions: { input: { main: 'index.html', field: 'field.html' } },
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
