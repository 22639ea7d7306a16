// The volunteer app's initial JavaScript, gzipped: field.html's entry and its static imports,
// read from the build manifest (npm run build first). Usage: node scripts/field-size.mjs
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const out = new URL('../../wwwroot/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', out), 'utf8'));
const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  (chunk.imports ?? []).forEach(visit);
};
visit('field.html');
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(new URL(file, out));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
// Both units, as budgets are read either way: KiB (1,024 bytes) and kB (1,000).
console.log(`field initial JS: ${files.size} files, ${(raw / 1024).toFixed(1)} KiB raw, gzip ${(gzip / 1024).toFixed(1)} KiB = ${(gzip / 1000).toFixed(1)} kB`);
