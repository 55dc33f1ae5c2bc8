// The 1D convolution lesson: presets stepped through and compared with an independent convolution at
// every step, sequences typed by the learner, bad input refused without losing the last good one,
// keyboard, URL sharing and both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, withPage, waitForApp, overflowsHorizontally, screenshot, setSlider, addressMatches } from './harness.mjs';

const app = useApp();

/** Full discrete convolution, written out independently of the engine. */
function convolve(f, g) {
  const out = new Array(f.length + g.length - 1).fill(0);
  f.forEach((a, m) => g.forEach((b, k) => { out[m + k] += a * b; }));
  return out;
}

const num = (t) => Number(t.replace('−', '-'));
const round3 = (v) => Math.round(v * 1000) / 1000;

/** Walk every step with Next; at each, the sum line must equal the convolution and its own products. */
async function checkEveryStep(page, f, g) {
  const want = convolve(f, g);
  assert.equal(await page.locator('#conv1d-step-value').textContent(), `1 / ${want.length}`);
  for (let n = 0; n < want.length; n++) {
    const text = await page.locator('#conv1d-sum').textContent();
    const [lhs, terms, total] = text.split(' = ');
    assert.equal(lhs, `(f*g)(${n})`);
    assert.equal(num(total), round3(want[n]), `step ${n}: ${text}`);
    const products = terms.split(' + ').map((t) => t.split('·').map(num));
    assert.ok(Math.abs(products.reduce((s, [a, b]) => s + a * b, 0) - want[n]) < 1e-2, text);
    assert.equal(await page.locator('.conv1d-output li.current').textContent(), String(round3(want[n])).replace('-', '−'));
    if (n + 1 < want.length) await page.getByRole('button', { name: 'Next' }).click();
  }
  return want.length;
}

test('two presets stepped through match the convolution at every step', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/conv1d');
    await waitForApp(page);
    await page.getByRole('button', { name: 'Box ⊛ box' }).click();
    const a = await checkEveryStep(page, [1, 1, 1], [1, 1, 1]);
    await page.getByRole('button', { name: 'Impulse ⊛ kernel' }).click();
    const b = await checkEveryStep(page, [0, 0, 1, 0, 0], [3, 2, 1]);
    await page.getByRole('button', { name: 'Signal ⊛ moving average' }).click();
    const c = await checkEveryStep(page, [1, 3, 2, 5, 4, 6, 3, 5], [1 / 3, 1 / 3, 1 / 3]);
    console.log(`1D step-through checked at ${a + b + c} steps over three presets`);
    await screenshot(page, 'conv1d.png');
    assert.deepEqual(errors, []);
  });
});

test('typed sequences are used, bad ones are refused with a message and lose nothing', async () => {
  const { context, page, errors } = await openPage(app.browser);
  await page.goto(app.base + '/conv1d');
  await waitForApp(page);
  await page.getByLabel('Sequence f').fill('1 2 3');
  await page.getByLabel('Sequence g (the kernel)').fill('1, -1');
  const steps = await checkEveryStep(page, [1, 2, 3], [1, -1]);
  assert.equal(steps, 4);
  await page.getByLabel('Sequence f').fill('1, x');
  assert.match(await page.getByRole('alert').first().textContent(), /is not a list of 1 to 12 numbers/);
  assert.equal(await page.getByLabel('Sequence f').getAttribute('aria-invalid'), 'true');
  // The last good f is still in use: 4 outputs.
  assert.match(await page.locator('#conv1d-step-value').textContent(), / \/ 4$/);
  await page.getByLabel('Sequence f').fill('');
  assert.match(await page.getByRole('alert').first().textContent(), /is not a list/);
  await page.getByLabel('Sequence f').fill('2');
  assert.equal(await page.getByLabel('Sequence f').getAttribute('aria-invalid'), 'false');
  assert.match(await page.locator('#conv1d-step-value').textContent(), / \/ 2$/);
  // The URL carries the sequences: a fresh visit restores them.
  await addressMatches(page, /[?&]f=2(&|$)/);
  const other = await openPage(app.browser);
  await other.page.goto(page.url());
  await waitForApp(other.page);
  assert.equal(await other.page.getByLabel('Sequence f').inputValue(), '2');
  assert.equal(await other.page.getByLabel('Sequence g (the kernel)').inputValue(), '1, -1');
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard stepping, Space to play, Chinese text and phone width', async () => {
  await withPage(app.browser, { width: 360, height: 740 }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/conv1d?f=1,2,3,4,5,6,7,8,9,10,11,12&g=1,1,1,1,1,1,1,1,1,1,1,1');
    await waitForApp(page);
    await page.getByRole('slider', { name: 'Step' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#conv1d-step-value').textContent(), '3 / 23');
    assert.match(await page.locator('#conv1d-sum').textContent(), /^\(f\*g\)\(2\) = .* = 6$/);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('#conv1d-step-value').textContent.startsWith('5 /'), null, { timeout: 5000 });
    await page.keyboard.press(' ');
    assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1);
    await page.getByRole('button', { name: '中文' }).click();
    assert.equal(await page.getByLabel('序列 f').count(), 1);
    assert.match(await page.locator('caption').textContent(), /^在输出位置 n = \d+ 处：翻转、平移、相乘$/);
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'conv1d-zh-360.png');
    assert.deepEqual(errors, []);
  });
});

test('the continuous picture: a Gaussian smooths the noisy signal, more noise and wider bells as set', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/conv1d');
    await waitForApp(page);
    const rms = async () => (await page.locator('#smooth-error').textContent()).match(/f (\d+\.\d+), f\*g (\d+\.\d+)/).slice(1).map(Number);
    const [before, after] = await rms();
    assert.ok(after < before / 2, `smoothing removes most of the noise: ${before} → ${after}`);
    // The legend is page text under the plot, never over its curves, each name beside its colour.
    const plotBox = await page.locator('#smooth-plot').boundingBox();
    const legendBox = await page.locator('#smooth-legend').boundingBox();
    assert.ok(legendBox.y >= plotBox.y + plotBox.height - 1, 'the legend is below the plot');
    assert.deepEqual(await page.locator('#smooth-legend li').allTextContents(), ['f: noisy signal', 'g: Gaussian (scaled to be visible)', 'f*g: smoothed']);
    assert.deepEqual(await page.locator('#smooth-legend .swatch').evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor)),
      ['rgb(150, 150, 150)', 'rgb(214, 96, 77)', 'rgb(33, 102, 172)']);
    // The plot is drawn: many distinct colours on the canvas (three curves, axes).
    const colours = await page.locator('#smooth-plot').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const set = new Set();
      for (let i = 0; i < d.length; i += 16) set.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return set.size;
    });
    assert.ok(colours > 20, `plot drawn (${colours} colours)`);
    // Less noise: f's error falls; a very wide bell flattens the wave, so f*g's error rises again.
    await setSlider(page, 'noise', 20);
    const [b2] = await rms();
    assert.ok(b2 < before, `less noise: ${b2} < ${before}`);
    await setSlider(page, 'sigma', 12);
    const [, wide] = await rms();
    await setSlider(page, 'sigma', 2);
    const [, narrow] = await rms();
    assert.ok(wide > narrow, `σ 12 over-smooths: ${wide} > ${narrow}`);
    await addressMatches(page, /sigma=2/);
    await addressMatches(page, /noise=20/);
    assert.deepEqual(errors, []);
  });
});
