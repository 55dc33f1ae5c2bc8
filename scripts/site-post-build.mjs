// Trunk post-build hook (see Trunk.toml): turns Trunk's output into a site any static host can serve.
//  1. An entry page per route (`conv1d/index.html`, …, `lab/index.html`, `bench/index.html`) and a
//     `404.html`, all copies of `index.html`, so a shared link opened directly works on a plain file
//     server with no fallback rule (it answers `/lab` with a redirect to `/lab/`, then this page).
//  2. `sw.js`, the service worker, from `site/sw.js` with the list of files to precache and a version
//     made from their contents: a new build (Trunk hashes the app's file names) gets a new cache, and
//     the page is told an update is ready.
// Node only (no packages): it runs inside `trunk build` and `trunk serve`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!staging) {
  console.error('site-post-build: TRUNK_STAGING_DIR is not set (this script runs as a Trunk hook)');
  process.exit(1);
}

// Routes: every section's slug (src/i18n/sections.rs is the one list) plus the unlisted /bench.
const sectionsRs = fs.readFileSync(path.join(source, 'src/i18n/sections.rs'), 'utf8');
const slugs = [...sectionsRs.matchAll(/^\s*slug: "([a-z0-9]+)",$/gm)].map((m) => m[1]);
if (slugs.length === 0) {
  console.error('site-post-build: found no `slug: "…"` lines in src/i18n/sections.rs');
  process.exit(1);
}
const routes = [...slugs, 'bench'];

const indexHtml = fs.readFileSync(path.join(staging, 'index.html'));
for (const route of routes) {
  fs.mkdirSync(path.join(staging, route), { recursive: true });
  fs.writeFileSync(path.join(staging, route, 'index.html'), indexHtml);
}
fs.writeFileSync(path.join(staging, '404.html'), indexHtml);

// Precache: the app shell and everything the lessons and the drawing pad load. Left out: MNIST
// (11 MB; the lab keeps it in its own cache once downloaded), weights the app never loads, the
// route copies (navigations are answered with index.html), and notes.
const skip = (rel) =>
  rel.startsWith('mnist/') ||
  rel === 'models/seed-keras-recipe.safetensors' ||
  rel.endsWith('.md') ||
  rel === '404.html' ||
  rel === 'sw.js' ||
  routes.some((r) => rel.startsWith(`${r}/`));

function walk(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return walk(path.join(dir, entry.name), `${rel}/`);
    return [rel];
  });
}

const files = walk(staging).filter((rel) => !rel.startsWith('.') && !skip(rel)).sort();
const hash = crypto.createHash('sha256');
for (const rel of files) {
  hash.update(rel);
  hash.update(fs.readFileSync(path.join(staging, rel)));
}
const version = hash.digest('hex').slice(0, 16);
// './' is the scope's root: the service worker answers navigations with the cached index.html.
const precache = ['./', ...files.filter((f) => f !== 'index.html')];

const template = fs.readFileSync(path.join(source, 'site/sw.js'), 'utf8');
const sw = template
  .replace('__CONVLAB_VERSION__', version)
  .replace('[/* __CONVLAB_PRECACHE__ */]', JSON.stringify(precache, null, 2));
if (sw === template) {
  console.error('site-post-build: site/sw.js lost its placeholders');
  process.exit(1);
}
fs.writeFileSync(path.join(staging, 'sw.js'), sw);
const bytes = files.reduce((sum, rel) => sum + fs.statSync(path.join(staging, rel)).size, 0);
console.log(`site-post-build: ${routes.length} route pages + 404.html; sw.js ${version} precaches ${files.length} files (${(bytes / 1e6).toFixed(1)} MB)`);
