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

// 0. A Content-Security-Policy in index.html (and so in every copy below). Scripts: only this
//    site's files, WebAssembly compilation ('wasm-unsafe-eval', never 'unsafe-eval'), and the
//    inline module Trunk writes to start the app, allowed by its SHA-256 (recomputed each build, so
//    any other inline script is refused). Styles allow inline `style` attributes: the heat maps,
//    bars and charts size and colour elements that way (no script runs from a style attribute).
//    `frame-ancestors` has no effect in a <meta>: README's "Hosting" asks the host to send it.
const indexPath = path.join(staging, 'index.html');
let page = fs.readFileSync(indexPath, 'utf8');
const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((code) => `'sha256-${crypto.createHash('sha256').update(code, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
if (!page.includes('<meta charset="utf-8" />')) {
  console.error('site-post-build: index.html has no <meta charset="utf-8" /> to put the policy after');
  process.exit(1);
}
page = page.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
page = page.replace('<meta charset="utf-8" />',
  `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
fs.writeFileSync(indexPath, page);
const indexHtml = fs.readFileSync(indexPath);
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
console.log(`site-post-build: CSP with ${hashes.length} inline script hash(es); ${routes.length} route pages + 404.html; sw.js ${version} precaches ${files.length} files (${(bytes / 1e6).toFixed(1)} MB)`);
