// Shared set-up for the browser tests: a plain static file server for dist/ (no fallback rule: a
// route is found only through the entry pages the build writes, as on any static host; a missing
// file gets dist/404.html with status 404, as GitHub Pages and most hosts do), Debian's Chromium,
// and pages that record every console error and uncaught exception so each test can assert there
// were none.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
// CONVLAB_DIST serves another build (a benchmark's before/after); the tests always use dist/.
const dist = process.env.CONVLAB_DIST ?? path.join(root, 'dist');
export const shotDir = path.join(root, 'target', 'screenshots');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.safetensors': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serve `dir` under the path `prefix` (e.g. '/convlab/') like a plain static host: a directory
 * without its trailing slash is redirected to it (keeping the query), a directory answers with its
 * index.html, anything else missing gets `dir/404.html` with status 404. `override(pathname)` may
 * return replacement bytes for a file (the update test serves a changed sw.js this way).
 */
export function startServer({ dir = dist, prefix = '/', override = () => null } = {}) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: build the app first (make test does)`);
  }
  const send = (res, status, file, body = fs.readFileSync(file)) => {
    res.writeHead(status, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const notFound = () => send(res, 404, path.join(dir, '404.html'));
    if (!url.pathname.startsWith(prefix)) return notFound();
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(dir) || !fs.existsSync(file)) return notFound();
    if (fs.statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) return notFound();
    }
    const replaced = override(url.pathname);
    send(res, 200, file, replaced ?? undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` }));
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Extra flags for experiments (benchmarks), e.g. CONVLAB_CHROMIUM_ARGS='--js-flags=--no-liftoff'.
      ...(process.env.CONVLAB_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean)],
  });
}

/** A fresh context (own storage) and page; `errors` collects console errors and page errors. */
// Service workers are blocked unless a test asks for them (`serviceWorkers: 'allow'`): each fresh
// context would otherwise precache the whole site (~9 MB) while the test runs.
export async function openPage(browser, { locale = 'en-US', width = 1280, height = 900, hasTouch = false,
  serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height }, hasTouch, serviceWorkers });
  await applySuiteSettings(context);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

/**
 * Settings for a whole run of the suite, e.g. `CONVLAB_SLOWDOWN=4` (every training worker 4× slower,
 * as on a slower machine) or `CONVLAB_WORKERS=1`: put in each tab's session storage, where the lab
 * reads them when the address does not say (src/lab/client/team.rs, `test_setting`).
 */
export const suiteSettings = Object.fromEntries(
  [['slowdown', process.env.CONVLAB_SLOWDOWN], ['workers', process.env.CONVLAB_WORKERS]].filter(([, v]) => v));

export async function applySuiteSettings(context) {
  if (Object.keys(suiteSettings).length === 0) return;
  await context.addInitScript((settings) => {
    for (const [k, v] of Object.entries(settings)) sessionStorage.setItem(`convlab.test.${k}`, v);
  }, suiteSettings);
}

/**
 * A page-side watch: resolves true when `selector`'s text has not changed for `ms` milliseconds,
 * false as soon as it changes. For "nothing happens while paused", with `ms` a number of the
 * steps the test's own brake (`?pace=`) allows, never a guess at the machine's speed.
 */
export async function unchangedFor(page, selector, ms) {
  return page.locator(selector).evaluate((el, ms) => new Promise((resolve) => {
    const before = el.textContent;
    const watch = new MutationObserver(() => {
      if (el.textContent !== before) { watch.disconnect(); resolve(false); }
    });
    watch.observe(el, { childList: true, characterData: true, subtree: true });
    setTimeout(() => { watch.disconnect(); resolve(el.textContent === before); }, ms);
  }), ms);
}

/** Wait until `condition()` (on the test's side, e.g. about `page.workers()`) holds, or fail after `timeout` ms. */
export async function waitUntil(condition, timeout = 30000) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waitUntil: not true within ${timeout} ms: ${condition}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Run `body({ context, page, errors })` on a fresh page and close its context afterwards, also when
 * an assertion inside fails (so a failing test does not leave a browser context behind).
 */
export async function withPage(browser, options, body) {
  const opened = await openPage(browser, options);
  try {
    return await body(opened);
  } finally {
    await opened.context.close();
  }
}

/** Wait until the app has mounted (the header is rendered by the wasm code, not by index.html). */
export async function waitForApp(page) {
  await page.locator('header.site-header').waitFor({ timeout: 30000 });
}

/**
 * A fresh page on the lab (`query` e.g. '?workers=1'), once its weights are in; closes nothing:
 * the caller closes `context`.
 */
export async function openLab(app, opts = {}, query = '') {
  const o = await openPage(app.browser, opts);
  await o.page.goto(app.base + '/lab' + query);
  await waitForApp(o.page);
  await o.page.locator('#weights-source').filter({ hasNotText: /Loading|加载/ }).waitFor({ timeout: 30000 });
  return o;
}

/** Run axe-core in the page; returns the serious and critical violations. */
export async function axeSerious(page) {
  const require = createRequire(import.meta.url);
  // Evaluated through DevTools, not added as a <script>: the page's Content-Security-Policy refuses
  // inline scripts, and rightly so.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** True when the page is wider than the viewport (something overflows horizontally). */
export async function overflowsHorizontally(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Sections in navigation order, with their English and Chinese titles (mirrors src/i18n/sections.rs). */
export const sections = [
  { slug: 'conv1d', en: '1D convolution', zh: '一维卷积' },
  { slug: 'encoding', en: 'Image encoding', zh: '图像编码' },
  { slug: 'conv2d', en: '2D convolution', zh: '二维卷积' },
  { slug: 'channels', en: 'Multi-channel convolution', zh: '多通道卷积' },
  { slug: 'pooling', en: 'Pooling', zh: '池化' },
  { slug: 'lenet5', en: 'LeNet-5', zh: 'LeNet-5' },
  { slug: 'classify', en: 'From features to classes', zh: '从特征到类别' },
  { slug: 'backprop', en: 'How the network learns', zh: '网络如何学习' },
  { slug: 'design', en: 'Build your own network', zh: '搭建自己的网络' },
  { slug: 'lab', en: 'MNIST lab', zh: 'MNIST 实验室' },
];

/** Registers before/after hooks that serve dist/ and launch Chromium once per test file. */
export function useApp() {
  const app = {};
  before(async () => {
    Object.assign(app, await startServer());
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}

/** Drag the mouse through `points` ([x, y] in 0–1 of the element's box) as one stroke. */
export async function stroke(page, selector, points) {
  const box = await page.locator(selector).boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [at(points[i - 1]), at(points[i])];
    for (let k = 1; k <= 8; k++) await page.mouse.move(a[0] + (b[0] - a[0]) * k / 8, a[1] + (b[1] - a[1]) * k / 8);
  }
  await page.mouse.up();
}

/** Set a range input the way a drag ends: value changed, input event fired. */
export async function setSlider(page, id, value) {
  await page.locator('#' + id).evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/**
 * Fill the lab's training form as a learner does (English labels): only the fields given change.
 * `{ model: 'lenet5', optimizer: 'adam', lr: '0.001', batch: '10', epochs: '3', images: '1000' }`.
 */
export async function setTraining(page, { model, optimizer, lr, batch, epochs, images }) {
  if (model) await page.getByLabel('Model').selectOption(model);
  if (optimizer) await page.getByLabel('Optimizer').selectOption(optimizer);
  if (lr) await page.getByLabel('Learning rate').fill(lr);
  if (batch) await page.getByLabel('Batch size').fill(batch);
  if (epochs) await page.getByLabel('Epochs').fill(epochs);
  if (images) await page.getByLabel('Training images').selectOption(images);
}

/** Tabs to the skip link, follows it with Enter: focus in the main content, the URL as it was. */
export async function followSkipLink(page, name) {
  // Every page writes its language into its address once it has settled.
  await page.waitForFunction(() => new URL(location.href).searchParams.has('lang'));
  const before = page.url();
  await page.keyboard.press('Tab');
  const link = page.getByRole('link', { name, exact: true });
  assert.equal(await link.evaluate((a) => a === document.activeElement), true, 'the first Tab stop is the skip link');
  await page.keyboard.press('Enter');
  await waitUntil(() => page.evaluate(() => document.activeElement?.id === 'main'));
  assert.equal(page.url(), before);
}

/** Wait until the page's address matches `re` (pages write their settings a moment after a change). */
export async function addressMatches(page, re) {
  await page.waitForFunction(([source, flags]) => new RegExp(source, flags).test(location.href), [re.source, re.flags]);
}
