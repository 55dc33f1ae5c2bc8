// The photo lessons: filtering the photo in 2D convolution, multi-channel convolution with one kernel
// per colour, and pooling a real feature map. Convolution results are checked against a plain
// JavaScript convolution of the shipped photo file, written independently of the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, withPage, waitForApp, overflowsHorizontally, screenshot, root, setSlider, addressMatches } from './harness.mjs';

const app = useApp();
const ppm = fs.readFileSync(path.join(root, 'assets', 'photos', 'astronaut-128.ppm'));
const pixels = ppm.subarray(ppm.length - 128 * 128 * 3);
const channel = (c) => Array.from({ length: 128 * 128 }, (_, i) => pixels[i * 3 + c]);
const grey = Array.from({ length: 128 * 128 }, (_, i) => 0.299 * pixels[i * 3] + 0.587 * pixels[i * 3 + 1] + 0.114 * pixels[i * 3 + 2]);
const EDGE_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
const BLUR = [0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625];

/** Cross-correlation with zero padding 1 ("same"), as deep-learning layers compute it, at (r, c). */
function at(img, k, r, c) {
  let s = 0;
  for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) {
    const y = r + i, x = c + j;
    if (y >= 0 && y < 128 && x >= 0 && x < 128) s += k[(i + 1) * 3 + j + 1] * img[y * 128 + x];
  }
  return s;
}
const conv = (img, k) => Array.from({ length: 128 * 128 }, (_, i) => at(img, k, Math.floor(i / 128), i % 128));
const num = (t) => Number(t.replace('−', '-'));
const close = (a, b, msg) => assert.ok(Math.abs(a - b) < 0.01 + 1e-5 * Math.abs(b), `${msg}: ${a} vs ${b}`);

test('2D convolution: the photo through presets and an edited kernel; the range matches a plain convolution', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/conv2d');
    await waitForApp(page);
    await page.locator('#filter-range').filter({ hasText: 'values' }).waitFor();
    const range = async () => (await page.locator('#filter-range').textContent()).match(/values (\S+) to (\S+)/).slice(1).map(num);
    const check = async (k, name) => {
      const out = conv(grey, k);
      const [lo, hi] = await range();
      close(lo, Math.min(...out), `${name} min`);
      close(hi, Math.max(...out), `${name} max`);
    };
    assert.equal(await page.locator('#filter-edge-x').getAttribute('aria-pressed'), 'true');
    await check(EDGE_X, 'edge x');
    await page.getByRole('button', { name: 'Blur' }).click();
    assert.equal(await page.locator('#filter-blur').getAttribute('aria-pressed'), 'true');
    await check(BLUR, 'blur');
    await addressMatches(page, /kernel=blur/);
    // Edit: identity with a centre of 2 doubles the image.
    await page.getByRole('button', { name: 'Identity' }).click();
    await page.getByLabel('Kernel, row 2, column 2').fill('2');
    await page.getByLabel('Kernel, row 2, column 2').press('Enter');
    await check([0, 0, 0, 0, 2, 0, 0, 0, 0], 'doubled');
    assert.equal(await page.locator('#filter-identity').getAttribute('aria-pressed'), 'false');
    await addressMatches(page, /kernel=0%2C0%2C0%2C0%2C2%2C0%2C0%2C0%2C0/);
    // An empty (or non-numeric: the browser empties those) cell is refused; the kernel keeps working.
    await page.getByLabel('Kernel, row 1, column 1').fill('');
    await page.getByLabel('Kernel, row 1, column 1').press('Enter');
    assert.equal(await page.getByLabel('Kernel, row 1, column 1').getAttribute('aria-invalid'), 'true');
    await check([0, 0, 0, 0, 2, 0, 0, 0, 0], 'still doubled');
    // The lesson's own sliders still share the URL with the kernel.
    await setSlider(page, 'stride', 2);
    await addressMatches(page, /s=2.*kernel=|kernel=.*s=2/);
    await screenshot(page, 'conv2d-photo.png');
    assert.deepEqual(errors, []);
  });
});

test('multi-channel: R, G and B maps add up, with the bias, to the layer\'s output', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/channels');
    await waitForApp(page);
    await page.locator('#at-centre').filter({ hasText: 'centre' }).waitFor();
    const centre = async () => (await page.locator('#at-centre').textContent()).split(': ')[1].split(/ [+=] /).map(num);
    const expect = async (ks, bias) => {
      const [r, g, b, bi, out] = await centre();
      const want = [0, 1, 2].map((c) => at(channel(c), ks[c], 64, 64));
      close(r, want[0], 'red');
      close(g, want[1], 'green');
      close(b, want[2], 'blue');
      assert.equal(bi, bias);
      close(out, want[0] + want[1] + want[2] + bias, 'sum + bias');
    };
    await expect([EDGE_X, EDGE_X, EDGE_X], 0);
    await page.getByRole('button', { name: 'Blur' }).click();
    await expect([BLUR, BLUR, BLUR], 0);
    // Red only: identity on red, zeros elsewhere, bias 10 — all by keyboard entry.
    await page.getByRole('button', { name: 'Identity' }).click();
    for (const c of ['green', 'blue']) {
      await page.getByLabel(`Kernel for ${c}, row 2, column 2`).fill('0');
      await page.getByLabel(`Kernel for ${c}, row 2, column 2`).press('Tab');
    }
    await page.getByLabel('Bias', { exact: true }).fill('10');
    await page.getByLabel('Bias', { exact: true }).press('Tab');
    const id = [0, 0, 0, 0, 1, 0, 0, 0, 0], zero = Array(9).fill(0);
    await expect([id, zero, zero], 10);
    await addressMatches(page, /r=identity&g=0%2C0%2C0%2C0%2C0%2C0%2C0%2C0%2C0.*bias=10/);
    assert.equal(await page.locator('#params-two').textContent(), 'Parameters of this layer (3 channels in, 2 out, 3×3): 2×(3×3×3+1) = 56.');
    assert.match(await page.locator('#six-to-sixteen').textContent(), /16×\(6×5×5\+1\) = 2,416.*6×\(3×5×5\+1\) \+ 9×\(4×5×5\+1\) \+ 1×\(6×5×5\+1\) = 1,516/);
    await screenshot(page, 'channels.png');
    // The shared URL restores the set-up.
    await page.reload();
    await waitForApp(page);
    await page.locator('#at-centre').filter({ hasText: 'centre' }).waitFor();
    await expect([id, zero, zero], 10);
    assert.deepEqual(errors, []);
  });
});

test('pooling a real feature map follows the window and stride; Chinese at 360 px', async () => {
  await withPage(app.browser, { locale: 'zh-CN', width: 360, height: 780 }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/pooling');
    await waitForApp(page);
    await page.locator('#photo-pool-max').filter({ hasText: '64×64' }).waitFor();
    await setSlider(page, 'pool-window', 3);
    await page.locator('#photo-pool-avg').filter({ hasText: '63×63' }).waitFor();
    await addressMatches(page, /window=3&stride=2/);
    // Both pooled maps were drawn at the pooled size (one canvas pixel per value).
    for (const id of ['photo-pool-avg', 'photo-pool-max']) {
      assert.deepEqual(await page.locator(`canvas[aria-labelledby="${id}"]`).evaluate((c) => [c.width, c.height]), [63, 63]);
    }
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'pooling-photo-zh-360.png');
    await page.goto(app.base + '/channels');
    await page.locator('#at-centre').filter({ hasText: '中心' }).waitFor();
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'channels-zh-360.png');
    assert.deepEqual(errors, []);
  });
});
