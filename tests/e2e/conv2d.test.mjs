// The 2D convolution lesson, driven as a learner would: sliders by mouse and keyboard, presets, the
// output size against the formula for random settings (impossible ones included), the step-through,
// shareable URLs, both languages, and phone width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, setSlider, openPage, withPage, waitForApp, overflowsHorizontally, screenshot, unchangedFor, addressMatches } from './harness.mjs';

const app = useApp();

/** The lesson's formula, computed independently of the engine: [oh, ow] or null when impossible. */
function expected({ h, w, k, s, p, d }) {
  const f = d * (k - 1) + 1;
  const axis = (n) => {
    if (s === 0 || n + 2 * p < f || p >= f) return null;
    return Math.floor((n + 2 * p - f) / s) + 1;
  };
  const oh = axis(h);
  const ow = axis(w);
  return oh === null || ow === null ? null : [oh, ow];
}


const status = (page) => page.getByRole('status', { name: 'Output size' });

test('random slider settings give the formula\'s output size, impossible ones a clear message', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/conv2d');
    await waitForApp(page);
    let seed = 12345;
    const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const settings = [
      { h: 7, w: 7, k: 3, s: 0, p: 0, d: 1 }, // stride 0: other visualizers go blank here
      { h: 3, w: 9, k: 5, s: 1, p: 0, d: 1 }, // kernel taller than the input
      { h: 7, w: 7, k: 3, s: 1, p: 3, d: 1 }, // padding as large as the kernel
      { h: 5, w: 12, k: 3, s: 2, p: 1, d: 3 }, // dilation
    ];
    // Random settings until at least 20 possible ones are in the list (about a third come out impossible).
    while (settings.filter((c) => expected(c)).length < 20) {
      settings.push({ h: 1 + rand(12), w: 1 + rand(12), k: 1 + rand(7), s: rand(5), p: rand(5), d: 1 + rand(3) });
    }
    let impossible = 0;
    for (const c of settings) {
      for (const [id, v] of [['input-height', c.h], ['input-width', c.w], ['kernel-size', c.k], ['stride', c.s], ['padding', c.p], ['dilation', c.d]]) {
        await setSlider(page, id, v);
      }
      const want = expected(c);
      const shown = await status(page).textContent();
      if (want) {
        assert.equal(shown, `${want[0]} × ${want[1]}`, JSON.stringify(c));
        const f = c.d * (c.k - 1) + 1;
        assert.equal(await page.locator('#formula-height').textContent(), `⌊(${c.h} + 2·${c.p} − ${f}) / ${c.s}⌋ + 1 = ${want[0]}`);
        assert.equal(await page.locator('#formula-width').textContent(), `⌊(${c.w} + 2·${c.p} − ${f}) / ${c.s}⌋ + 1 = ${want[1]}`);
        assert.equal(await page.locator('svg[aria-labelledby="output-grid-title"] rect').count(), want[0] * want[1]);
      } else {
        impossible++;
        assert.match(shown, /^Impossible: /, JSON.stringify(c));
        assert.match(await page.locator('.stepper .error-text').textContent(), /^Impossible: /);
      }
    }
    assert.ok(impossible >= 4 && settings.length - impossible >= 20, `only ${impossible} impossible settings were checked`);
    console.log(`formula checked on ${settings.length} settings, ${impossible} of them impossible`);
    assert.deepEqual(errors, []);
  });
});

test('sliders work with the keyboard and the mouse, presets and the URL carry the setting', async () => {
  const { context, page, errors } = await openPage(app.browser);
  await page.goto(app.base + '/conv2d');
  await waitForApp(page);
  assert.equal(await status(page).textContent(), '5 × 5');
  await page.getByRole('button', { name: '7×7, 3×3 kernel, stride 2' }).click();
  assert.equal(await status(page).textContent(), '3 × 3');
  // Keyboard: the stride slider, one step left with the arrow key.
  await page.getByRole('slider', { name: 'Stride' }).focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await status(page).textContent(), '5 × 5');
  await page.keyboard.press('ArrowLeft');
  assert.match(await status(page).textContent(), /Impossible: Stride must be at least 1/);
  await page.keyboard.press('ArrowRight');
  // Mouse: click the far right end of the padding slider (max 4 is impossible with a 3×3 kernel).
  const box = await page.getByRole('slider', { name: 'Padding' }).boundingBox();
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  assert.match(await status(page).textContent(), /Impossible: padding 4/);
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  assert.equal(await status(page).textContent(), '5 × 5');
  // Share: the URL holds the setting and a fresh visit restores it.
  await page.getByRole('button', { name: 'Keep the size: padding 1' }).click();
  assert.equal(await status(page).textContent(), '7 × 7');
  await addressMatches(page, /h=7&w=7&k=3&s=1&p=1&d=1/);
  const url = page.url();
  const other = await openPage(app.browser);
  await other.page.goto(url);
  await waitForApp(other.page);
  assert.equal(await other.page.getByRole('status', { name: 'Output size' }).textContent(), '7 × 7');
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('stepping shows each window\'s products and their sum', async () => {
  const { context, page, errors } = await openPage(app.browser);
  await page.goto(app.base + '/conv2d?h=6&w=6&k=3&s=1&p=1&d=1');
  await waitForApp(page);
  const stepValue = page.locator('#conv2d-step-value');
  assert.equal(await stepValue.textContent(), '1 / 36');
  const checkProducts = async () => {
    const text = await page.locator('#products').textContent();
    const [lhs, rhs] = text.split(' = ');
    const terms = lhs.split(' + ').map((t) => t.split('×').map((v) => Number(v.replace(/[()]/g, '').replace('−', '-'))));
    assert.equal(terms.length, 9);
    assert.equal(terms.reduce((acc, [a, b]) => acc + a * b, 0), Number(rhs));
    return Number(rhs);
  };
  await checkProducts();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  assert.equal(await stepValue.textContent(), '3 / 36');
  const sum = await checkProducts();
  // The output map shows the sums computed so far; the current cell holds this sum.
  assert.equal(await page.locator('svg[aria-labelledby="output-grid-title"] rect.current + text').textContent(), String(sum));
  assert.equal(await page.locator('svg[aria-labelledby="input-grid-title"] rect.under-kernel').count(), 9);
  await page.getByRole('button', { name: 'Previous' }).click();
  assert.equal(await stepValue.textContent(), '2 / 36');
  // Arrow keys move the step slider; Space plays and pauses.
  await page.getByRole('slider', { name: 'Step' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await stepValue.textContent(), '3 / 36');
  await page.keyboard.press(' ');
  const playStarted = Date.now();
  assert.equal(await page.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelector('#conv2d-step-value').textContent.startsWith('5 /'), null, { timeout: 5000 });
  // How long the page took to play two steps, here and now: the time it has to stay still in.
  const twoSteps = Date.now() - playStarted;
  await page.getByRole('slider', { name: 'Step' }).focus();
  await page.keyboard.press(' ');
  assert.equal(await page.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed'), 'false');
  assert.ok(await unchangedFor(page, '#conv2d-step-value', 2 * twoSteps), 'paused: no step in the time of four played ones');
  // Touch: on a touch screen a tap on Next steps too.
  const touch = await openPage(app.browser, { width: 390, height: 800, hasTouch: true });
  await touch.page.goto(app.base + '/conv2d?h=6&w=6&k=3&s=1&p=1&d=1');
  await waitForApp(touch.page);
  await touch.page.getByRole('button', { name: 'Next' }).tap();
  assert.equal(await touch.page.locator('#conv2d-step-value').textContent(), '2 / 36');
  assert.deepEqual(touch.errors, []);
  await touch.context.close();
  await screenshot(page, 'conv2d.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the lesson speaks Chinese, and fits a phone at its largest setting', async () => {
  await withPage(app.browser, { width: 360, height: 740 }, async ({ context, page, errors }) => {
    // Out-of-range values in a shared URL are clamped to what the sliders can show (h 99 → 12, k 99 → 7).
    await page.goto(app.base + '/conv2d?h=99&w=12&k=99&s=1&p=4&d=1');
    await waitForApp(page);
    await page.getByRole('button', { name: '中文' }).click();
    assert.equal(await page.getByRole('slider', { name: '输入高度' }).count(), 1);
    assert.equal(await page.getByRole('status', { name: '输出尺寸' }).textContent(), '14 × 14');
    assert.equal(await page.locator('#kernel-size').inputValue(), '7');
    assert.equal(await page.locator('#input-height').inputValue(), '12');
    assert.equal(await overflowsHorizontally(page), false);
    await setSlider(page, 'stride', 0);
    assert.match(await page.getByRole('status', { name: '输出尺寸' }).textContent(), /^无法计算：步幅至少为 1/);
    await setSlider(page, 'stride', 1);
    await screenshot(page, 'conv2d-zh-360.png');
    assert.equal(await overflowsHorizontally(page), false);
    assert.deepEqual(errors, []);
  });
});
