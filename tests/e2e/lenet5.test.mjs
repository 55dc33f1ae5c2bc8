// The LeNet-5 lesson: every layer's shape and counts as the engine computes them (the native tests
// assert the same numbers against the paper), the source's two slips corrected, C3's table, keyboard
// and touch selection, the URL, both languages and a narrow screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, withPage, waitForApp, overflowsHorizontally, screenshot, stroke, root, addressMatches } from './harness.mjs';

const app = useApp();

const idx = fs.readFileSync(path.join(root, 'assets', 'samples', 't10k-images-100.idx'));
const digit = (n) => [...idx.subarray(16 + (n - 1) * 784, 16 + n * 784)];

/** The RGBA pixels of stop `i`'s feature-map canvas in the layer strip. */
const stopPixels = (page, i) => page.evaluate((i) => {
  const c = document.querySelectorAll('.layer-stop canvas.stop-maps')[i];
  return { w: c.width, h: c.height, px: [...c.getContext('2d').getImageData(0, 0, c.width, c.height).data] };
}, i);

const layers = [
  ['Input', '1@32×32', 'none', 'none'],
  ['C1', '6@28×28', '6×(1×5×5+1) = 156', '156 × 28×28 = 122,304'],
  ['S2', '6@14×14', '6×(1+1) = 12', '6×(2×2+1) × 14×14 = 5,880'],
  ['C3', '16@10×10', '6×(3×5×5+1) + 9×(4×5×5+1) + 1×(6×5×5+1) = 1,516', '1,516 × 10×10 = 151,600'],
  ['S4', '16@5×5', '16×(1+1) = 32', '16×(2×2+1) × 5×5 = 2,000'],
  ['C5', '120', '120×(16×5×5+1) = 48,120', '48,120 × 1×1 = 48,120'],
  ['F6', '84', '84×(120+1) = 10,164', '84×(120+1) = 10,164'],
  ['Output', '10', '10×(84+1) = 850', '10×(84+1) = 850'],
];

test('every layer by click, then by arrow keys: shapes, parameters and connections with their formulas', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/lenet5');
    await waitForApp(page);
    const stops = page.locator('.layer-stop');
    assert.equal(await stops.count(), layers.length);
    for (let i = 0; i < layers.length; i++) {
      await stops.nth(i).click();
      const [name, shape, params, conns] = layers[i];
      assert.equal(await page.locator('#layer-title').textContent(), name);
      assert.equal(await page.locator('#layer-shape').textContent(), shape);
      assert.equal(await page.locator('#layer-params').textContent(), params);
      assert.equal(await page.locator('#layer-connections').textContent(), conns);
      assert.equal(await stops.nth(i).getAttribute('aria-pressed'), 'true');
    }
    assert.equal(await page.locator('#lenet-total').textContent(), 'Total trainable parameters: 60,850');
    // Keyboard: Home, then Right twice → S2, whose text corrects the source's 580.
    await stops.last().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#layer-title').textContent(), 'S2');
    assert.match(await page.locator('#layer-explain').textContent(), /580.*5,880/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'layer-2');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#layer-title').textContent(), 'S4');
    assert.match(await page.locator('#layer-explain').textContent(), /20,000.*2,000/);
    await addressMatches(page, /layer=S4/);
    assert.deepEqual(errors, []);
  });
});

test('C3\'s connection table: 60 links, and each selected map shows its inputs and its share of 1,516', async () => {
  await withPage(app.browser, { hasTouch: true }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/lenet5?layer=C3&map=0');
    await waitForApp(page);
    assert.equal(await page.locator('#layer-title').textContent(), 'C3');
    assert.equal(await page.locator('#c3-table td.linked').count(), 6 * 3 + 9 * 4 + 6);
    let sum = 0;
    for (let m = 0; m < 16; m++) {
      await page.getByRole('button', { name: `C3 map ${m}`, exact: true }).tap();
      const text = await page.locator('#c3-reads').textContent();
      const got = text.match(/^C3 map (\d+) reads S2 maps ([\d, ]+): (\d)×5×5 weights \+ 1 bias = (\d+) parameters, and ([\d,]+) connections/);
      assert.ok(got, text);
      assert.equal(Number(got[1]), m);
      const inputs = got[2].split(', ').map(Number);
      assert.equal(inputs.length, Number(got[3]));
      // The column's X marks are exactly the listed inputs.
      const marks = await page.locator('#c3-table tbody tr').evaluateAll((rows, col) => rows.map((r, i) => (r.children[col + 1].textContent === 'X' ? i : -1)).filter((i) => i >= 0), m);
      assert.deepEqual(marks, inputs);
      assert.equal(Number(got[4]), inputs.length * 25 + 1);
      sum += Number(got[4]);
    }
    assert.equal(sum, 1516);
    await addressMatches(page, /layer=C3&map=15/);
    await screenshot(page, 'lenet5.png');
    assert.deepEqual(errors, []);
  });
});

test('Chinese at 360 px', async () => {
  await withPage(app.browser, { locale: 'zh-CN', width: 360, height: 780 }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/lenet5?layer=C3');
    await waitForApp(page);
    assert.equal(await page.locator('.layer-stop').first().locator('.stop-name').textContent(), '输入');
    assert.match(await page.locator('#layer-explain').textContent(), /下表（来自 1998 年的论文）/);
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'lenet5-zh-360.png');
    assert.deepEqual(errors, []);
  });
});

test('a drawn or shown digit runs through the shipped LeNet-5: every stop draws its real outputs', async () => {
  await withPage(app.browser, {}, async ({ page, errors }) => {
    await page.goto(app.base + '/lenet5');
    await waitForApp(page);
    await page.locator('#lenet-reads').filter({ hasText: 'Nothing drawn yet' }).waitFor();
    await page.locator('#show-sample').click();
    await page.locator('#lenet-reads').filter({ hasText: 'LeNet-5 reads this as 7' }).waitFor();
    // The input stop is the digit padded by 2 on each side, 0 black … 1 white.
    const input = await stopPixels(page, 0);
    assert.deepEqual([input.w, input.h], [32, 32]);
    const img = digit(1);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const red = input.px[((y + 2) * 32 + x + 2) * 4];
        assert.ok(Math.abs(red - img[y * 28 + x]) <= 1, `input pixel ${x},${y}: ${red} vs ${img[y * 28 + x]}`);
      }
    }
    // C1: 6 maps of 28×28 in 3 columns; the output: 10 units as 5×5 cells, 0–4 over 5–9, 7 the brightest.
    const c1 = await stopPixels(page, 1);
    assert.deepEqual([c1.w, c1.h], [3 * 29 - 1, 2 * 29 - 1]);
    const out = await stopPixels(page, 7);
    assert.deepEqual([out.w, out.h], [5 * 6 - 1, 2 * 6 - 1]);
    const cell = (d) => out.px[(((d / 5) | 0) * 6 * out.w + (d % 5) * 6) * 4];
    const cells = [...Array(10).keys()].map(cell);
    assert.equal(cells.indexOf(Math.max(...cells)), 7, `output cells ${cells}`);
    assert.ok(cells[7] >= 250 && cells.filter((v) => v > 30).length === 1, `output cells ${cells}`);
    // Another digit: the maps follow it.
    await page.locator('#sample-number').fill('2');
    await page.locator('#show-sample').click();
    await page.locator('#lenet-reads').filter({ hasText: 'LeNet-5 reads this as 2' }).waitFor();
    assert.notDeepEqual((await stopPixels(page, 1)).px, c1.px);
    // A drawing: a vertical stroke reads as 1.
    await page.locator('#pad-clear').click();
    await stroke(page, '#drawing-pad', [[0.5, 0.15], [0.5, 0.85]]);
    await page.locator('#lenet-reads').filter({ hasText: 'LeNet-5 reads this as 1' }).waitFor();
    assert.deepEqual(errors, []);
  });
});

test('without its weights the lesson says why, in Chinese, and keeps the layer facts', async () => {
  await withPage(app.browser, { locale: 'zh-CN' }, async ({ page }) => {
    await page.route(/\/models\/lenet5\.safetensors$/, (route) => route.fulfill({ status: 404, body: 'no' }));
    await page.goto(app.base + '/lenet5');
    await waitForApp(page);
    await page.locator('#lenet-reads').filter({ hasText: '无法加载 LeNet-5 训练好的权重' }).waitFor();
    assert.match(await page.locator('#lenet-reads').textContent(), /404/);
    // The reason is worded when shown: switching language rewords all of it.
    await page.getByRole('button', { name: 'English' }).click();
    assert.match(await page.locator('#lenet-reads').textContent(), /^LeNet-5's trained weights could not be loaded \([^一-龥]*404[^一-龥]*\)/);
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('#show-sample').click();
    assert.equal(await page.locator('.layer-stop canvas.stop-maps').first().isVisible(), false);
    assert.equal(await page.locator('#layer-shape').textContent(), '6@28×28');
  });
});
