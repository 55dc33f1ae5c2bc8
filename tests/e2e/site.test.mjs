// The built site as a host and a learner meet it: every shared link opens directly on a plain static
// server (no fallback rule), the site works under a sub-path served by Python's http.server, it is
// installable (manifest + icons, as Chromium judges it), it works offline after one visit (lessons,
// the drawing pad, prediction, and training once MNIST was fetched), and a new build announces itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { useApp, startServer, openPage, withPage, waitForApp, followSkipLink, setSlider, sections, root, screenshot } from './harness.mjs';

const app = useApp();
const subpathSite = path.join(root, 'target', 'site-subpath');

const heading = (page) => page.locator('main h1').textContent();

test('every route opens directly on a plain static server, a lesson\'s settings with it', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    for (const s of sections) {
      await page.goto(`${app.base}/${s.slug}`);
      await waitForApp(page);
      assert.equal(await heading(page), s.en, `/${s.slug}`);
      // The host redirected /slug to /slug/ (its entry page); the app shows the route's own address.
      assert.equal(new URL(page.url()).pathname, `/${s.slug}`);
    }
    // A lesson's settings survive the redirect: 6×6, kernel 3, padding 1 → 6×6 output.
    await page.goto(`${app.base}/conv2d?h=6&w=6&k=3&s=1&p=1&d=1`);
    await waitForApp(page);
    assert.equal(await page.locator('#conv2d-step-value').textContent(), '1 / 36');
    // A missing page: the host answers 404 with dist/404.html, which is the app's "no page" view.
    const missing = await page.goto(`${app.base}/no-such-lesson`);
    assert.equal(missing.status(), 404);
    await waitForApp(page);
    assert.equal(await heading(page), 'There is no page at this address.');
    // Chromium logs the 404 response itself; nothing else may appear.
    assert.deepEqual(errors.filter((e) => !e.includes('status of 404 (Not Found)')), []);
    assert.equal(errors.length, 1);
  });
});

  function freePort() {
    return new Promise((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
    });
  }

  /** Python's http.server: no fallback, no rewriting, only files — the plainest static host. */
  async function pythonServer(dir) {
    const port = await freePort();
    const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(base + '/');
        return { child, base };
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    child.kill();
    throw new Error('python3 -m http.server did not start');
  }

test('under a sub-path on Python\'s http.server: routes, navigation, assets and the lab all work', async () => {
  assert.ok(fs.existsSync(path.join(subpathSite, 'convlab', 'index.html')), 'make build-subpath builds target/site-subpath/convlab');
  const { child, base } = await pythonServer(subpathSite);
  const { context, page, errors } = await openPage(app.browser);
  try {
    await page.goto(`${base}/convlab/`);
    await waitForApp(page);
    assert.equal(await heading(page), 'ConvLab');
    await page.getByRole('navigation').getByRole('link', { name: 'Pooling' }).click();
    await page.waitForURL(/\/convlab\/pooling(\?|$)/);
    assert.equal(await heading(page), 'Pooling');
    // A shared deep link with settings, opened directly.
    await page.goto(`${base}/convlab/conv2d?h=6&w=6&k=3&s=1&p=1&d=1`);
    await waitForApp(page);
    assert.equal(await heading(page), '2D convolution');
    assert.equal(new URL(page.url()).pathname, '/convlab/conv2d');
    assert.equal(await page.locator('#conv2d-step-value').textContent(), '1 / 36');
    // The skip link stays on the lesson under the sub-path too.
    await followSkipLink(page, 'Skip to content');
    assert.equal(new URL(page.url()).pathname, '/convlab/conv2d');
    // Moving a slider rewrites the query through the router: the sub-path stays, once.
    await setSlider(page, 'stride', 2);
    await page.waitForURL((u) => u.searchParams.get('s') === '2');
    assert.equal(new URL(page.url()).pathname, '/convlab/conv2d');
    assert.equal(new URL(page.url()).searchParams.get('h'), '6');
    // The lab loads its weights and sample digits from under the sub-path and predicts.
    await page.goto(`${base}/convlab/lab`);
    await waitForApp(page);
    await page.locator('#weights-source').filter({ hasText: /pretrained/ }).waitFor({ timeout: 30000 });
    await page.getByLabel('Test image number').fill('4');
    await page.getByLabel('Test image number').press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#prediction').textContent.startsWith('0'));
    // The brand link goes to the sub-path's start, not the host's.
    await page.locator('a.brand').click();
    await page.waitForURL((u) => u.pathname === "/convlab/");
    assert.equal(await heading(page), 'ConvLab');
    assert.deepEqual(errors.filter((e) => !/Failed to load resource.*favicon\.ico/.test(e)), []);
  } finally {
    await context.close();
    child.kill();
  }
});

test('installable: the manifest, its icons and Chromium\'s installability check', async () => {
  await withPage(app.browser, { serviceWorkers: 'allow' }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/');
    await waitForApp(page);
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
    assert.equal(manifest.short_name, 'ConvLab');
    assert.match(manifest.description, /卷积神经网络/);
    assert.match(manifest.description, /convolutional neural networks/);
    assert.equal(manifest.start_url, './');
    for (const icon of manifest.icons) {
      const res = await page.request.get(new URL(icon.src, app.base + '/').href);
      assert.equal(res.status(), 200, icon.src);
      assert.equal(res.headers()['content-type'], 'image/png', icon.src);
    }
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's contexts are incognito-like, which Chromium reports on its own; nothing else may fail.
    assert.deepEqual(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), []);
    assert.deepEqual(errors, []);
  });
});

  /** Wait until the service worker controls the page and has precached the whole shell. */
  async function waitForOffline(page) {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('convlab-shell-')));
  }

test('offline after one visit: every lesson, the drawing pad, prediction, and training with MNIST fetched once', async () => {
  await withPage(app.browser, { serviceWorkers: 'allow' }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/lab');
    await waitForApp(page);
    assert.equal((await waitForOffline(page)).length, 1);
    // Online, once: a short LeNet-5 run downloads MNIST into the lab's cache.
    await page.locator('#weights-source').filter({ hasNotText: /Loading|加载/ }).waitFor({ timeout: 30000 });
    await page.getByLabel('Model').selectOption('lenet5');
    await page.getByLabel('Training images').selectOption('1000');
    await page.getByLabel('Epochs').fill('1');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });

    await context.setOffline(true);
    for (const s of sections) {
      await page.goto(`${app.base}/${s.slug}`);
      await waitForApp(page);
      assert.equal(await heading(page), s.en, `offline /${s.slug}`);
    }
    // The photo lesson's image comes from the cache too (the filtered range appears once it loaded).
    await page.goto(app.base + '/conv2d');
    await waitForApp(page);
    await page.locator('#filter-range').filter({ hasText: 'values' }).waitFor({ timeout: 30000 });
    await page.goto(app.base + '/lab');
    await waitForApp(page);
    await page.locator('#weights-source').filter({ hasNotText: /Loading|加载/ }).waitFor({ timeout: 30000 });
    await page.getByLabel('Model').selectOption('seed');
    await page.getByLabel('Test image number').fill('4');
    await page.getByLabel('Test image number').press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#prediction').textContent.startsWith('0'));
    // Training offline, from the MNIST the lab kept.
    await page.getByLabel('Model').selectOption('lenet5');
    await page.getByLabel('Training images').selectOption('1000');
    await page.getByLabel('Epochs').fill('1');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
    await screenshot(page, 'lab-offline.png');
    assert.deepEqual(errors, []);
  });
});

test('a new build is announced, and Reload switches to it and drops the old cache', async () => {
  let next = null;
  const swFile = path.join(root, 'dist', 'sw.js');
  const { server, base } = await startServer({ override: (p) => (p === '/sw.js' ? next : null) });
  const { context, page, errors } = await openPage(app.browser, { serviceWorkers: 'allow' });
  try {
    await page.goto(base + '/pooling');
    await waitForApp(page);
    const [first] = await waitForOffline(page);
    const notice = page.getByRole('status').filter({ hasText: 'A new version of ConvLab is ready' });
    assert.equal(await notice.count(), 0, 'no notice for the first install');
    // The host now serves a new build's service worker (another version, as after a rebuild).
    next = Buffer.from(fs.readFileSync(swFile, 'utf8').replace(/const VERSION = '[^']+'/, "const VERSION = 'next-build'"));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await notice.waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => !document.querySelector('.update-notice') && document.querySelector('main h1'), null, { timeout: 30000 });
    await waitForApp(page);
    assert.equal(await heading(page), 'Pooling');
    const keys = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('convlab-shell-')));
    assert.deepEqual(keys, ['convlab-shell-next-build'], `old cache ${first} replaced`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});

test('a new build that arrives mid-run waits for the run: the notice says so and training goes on', async () => {
  let next = null;
  const swFile = path.join(root, 'dist', 'sw.js');
  const { server, base } = await startServer({ override: (p) => (p === '/sw.js' ? next : null) });
  const { context, page, errors } = await openPage(app.browser, { serviceWorkers: 'allow' });
  try {
    // Held to 10 steps a second, the 300 steps outlast everything below on any machine.
    await page.goto(base + '/lab?pace=10');
    await waitForApp(page);
    await waitForOffline(page);
    await page.getByLabel('Model').selectOption('lenet5');
    await page.getByLabel('Training images').selectOption('1000');
    await page.getByLabel('Batch size').fill('10');
    await page.getByLabel('Epochs').fill('3');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('#train-text').filter({ hasText: /images\/s/ }).waitFor({ timeout: 60000 });
    next = Buffer.from(fs.readFileSync(swFile, 'utf8').replace(/const VERSION = '[^']+'/, "const VERSION = 'mid-run-build'"));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const notice = page.locator('#update-notice');
    await notice.filter({ hasText: 'Reloading now would stop the training run in this tab' }).waitFor({ timeout: 30000 });
    // The run is not interrupted: it moves on after the notice.
    const at = await page.locator('#train-text').textContent();
    await page.waitForFunction((t) => document.querySelector('#train-text').textContent !== t && /images\/s/.test(document.querySelector('#train-text').textContent), at, { timeout: 30000 });
    await page.getByRole('button', { name: '中文' }).click();
    assert.match(await notice.textContent(), /现在重新加载会停止本标签页中的训练/);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    await notice.filter({ hasText: /^A new version of ConvLab is ready\. Reload to use it/ }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});
