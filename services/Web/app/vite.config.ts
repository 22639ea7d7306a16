/// <reference types="vitest/config" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { lazyRoutes } from './build/lazy-routes.ts';

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

/**
 * Which chunks each lazily loaded page needs beyond the entry's (its own, the shared ones it imports,
 * its CSS), written to .vite/route-preloads.json. On a first visit the Web host names them in the
 * page it serves, so the browser fetches and compiles them while the entry still runs, instead of
 * asking for them only once the router has started.
 */
function routePreloads(): Plugin {
  return {
    name: 'fivesoc-route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith('/index.html'));
      if (!entry) throw new Error('route preloads: the workbench entry (index.html) is not in the bundle');
      const staticClosure = (file: string, into: Set<string>) => {
        if (into.has(file)) return into;
        into.add(file);
        byFile.get(file)?.imports.forEach((f) => staticClosure(f, into));
        return into;
      };
      const loadedFirst = staticClosure(entry.fileName, new Set());
      const routerSource = readFileSync(fileURLToPath(new URL('./src/app/router.tsx', import.meta.url)), 'utf8');
      const routes = lazyRoutes(routerSource).map(({ path, module }) => {
        const source = `/src/app/${module.slice(2)}.tsx`;
        const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(source));
        if (!chunk) throw new Error(`route preloads: no chunk for ${module} (route ${path})`);
        const files = [...staticClosure(chunk.fileName, new Set())].filter((f) => !loadedFirst.has(f));
        const css = files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]);
        return { path, files: [...new Set([...files, ...css])] };
      });
      this.emitFile({ type: 'asset', fileName: '.vite/route-preloads.json', source: JSON.stringify({ routes }, null, 1) });
    },
  };
}

/**
 * Brotli and gzip copies of the scripts and styles beside them (.br, .gz): the Web host answers with
 * one when the browser accepts it, so a phone on a township's mobile network downloads about a
 * third of the bytes, and nothing is compressed per request.
 */
function precompressed(): Plugin {
  return {
    name: 'fivesoc-precompressed',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const path = join(options.dir ?? outDir, file);
        const content = readFileSync(path);
        if (content.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * antd's styles for the apps' theme as a stylesheet made at build time (build/antd-styles.tsx),
 * imported as virtual:antd-styles.css: antd then skips writing them in the browser, a large part
 * of a page's first render (55 style tags on the approvals page before, 14 after). The dev server
 * keeps antd's runtime styles (an empty sheet).
 */
function antdStaticStyles(): Plugin {
  const id = 'virtual:antd-styles.css';
  let build = false;
  return {
    name: 'fivesoc-antd-styles',
    configResolved(config) {
      build = config.command === 'build' && config.mode === 'production';
    },
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    async load(loaded) {
      if (loaded !== `\0${id}`) return undefined;
      if (!build) return '';
      const { module } = await runnerImport<typeof import('./build/antd-styles.tsx')>(fileURLToPath(new URL('./build/antd-styles.tsx', import.meta.url)));
      return module.antdStyles();
    },
  };
}

// The host (services/Web) serves the build from wwwroot at "/" and forwards /api and /auth.
// In development Vite serves the app and proxies both to the host on 5100.
const host = process.env.FIVESOC_WEB_HOST ?? 'http://127.0.0.1:5100';

export default defineConfig({
  plugins: [
    react(),
    antdStaticStyles(),
    routePreloads(),
    precompressed(),
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
