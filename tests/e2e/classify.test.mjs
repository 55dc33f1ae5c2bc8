// From features to classes: the seed model's Keras summary as the engine computes it, the flatten
// arithmetic, switching to LeNet-5, the link into the lab, both languages and a narrow screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, withPage, waitForApp, overflowsHorizontally, screenshot, stroke, setSlider, root, axeSerious, addressMatches } from './harness.mjs';

const app = useApp();
const seven = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/drawings/drawings.json'), 'utf8')).digits.find((d) => d.name === '7').strokes;

test('a digit on the pad, live: its 2,940 flat numbers, 500 activations, 10 scores and their softmax, then LeNet-5', async () => {
  await withPage(app.browser, {}, async ({ page, errors }) => {
    await page.goto(app.base + '/classify');
    await waitForApp(page);
    await page.locator('#live-reads').filter({ hasText: 'Nothing drawn yet' }).waitFor();
    await page.locator('#drawing-pad').scrollIntoViewIfNeeded();
    for (const s of seven) await stroke(page, '#drawing-pad', s);
    await page.locator('#live-reads').filter({ hasText: /^The model reads this as 7 \(\d+\.\d% sure\)\.$/ }).waitFor();
    assert.equal(await page.locator('.classify-live h3').nth(0).textContent(), '1. The last feature maps: 60 maps of 7×7');
    assert.equal(await page.locator('.classify-live h3').nth(1).textContent(), '2. Flattened: 2,940 numbers in one list (drawn 49 to a row)');
    assert.match(await page.locator('#flat-at').textContent(), /^Number 1 of 2,940 is −?\d+(\.\d+)?: map 1, row 1, column 1 of the last feature maps\.$/);
    // The 50th number is the first of the second map; a key press moves on by one.
    await setSlider(page, 'flat-position', 50);
    assert.match(await page.locator('#flat-at').textContent(), /^Number 50 of 2,940 is .*: map 2, row 1, column 1 /);
    await page.getByLabel('Position in the flat list').press('ArrowRight');
    assert.match(await page.locator('#flat-at').textContent(), /^Number 51 of 2,940 is .*: map 2, row 1, column 2 /);
    // A click on the strip picks the value under it: the last row is map 60.
    const strip = await page.locator('#live-flat').boundingBox();
    await page.mouse.click(strip.x + 2, strip.y + strip.height - 2);
    assert.match(await page.locator('#flat-at').textContent(), /: map 60, row 1, column 1 /);
    assert.equal(await page.locator('.classify-live h3').nth(2).textContent(), '3. Dense layer dense: 500 activations, from 1,470,500 parameters');
    const [, k, z] = (await page.locator('#hidden-about').textContent()).match(/^(\d+) of the 500 are above 0; ReLU cut the other (\d+) to 0\./);
    assert.equal(Number(k) + Number(z), 500);
    assert.ok(Number(k) > 0 && Number(z) > 0);
    assert.match(await page.locator('.classify-live h3').nth(3).textContent(), /last dense layer \(5,010 parameters\)/);
    // The table's probabilities are the softmax of its scores, and 7 is the highest.
    const rows = await page.locator('#live-scores tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => r[0]), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const scores = rows.map((r) => Number(r[1].replace('−', '-')));
    const probs = rows.map((r) => Number(r[2].replace('%', '')));
    const top = Math.max(...scores);
    const sum = scores.reduce((a, s) => a + Math.exp(s - top), 0);
    scores.forEach((s, d) => assert.ok(Math.abs((100 * Math.exp(s - top)) / sum - probs[d]) < 0.2, `digit ${d}: ${s} → ${probs[d]}%`));
    assert.equal(probs.indexOf(Math.max(...probs)), 7);
    assert.deepEqual(await axeSerious(page), []);
    await screenshot(page, 'classify-live.png');
    // LeNet-5 reads the same drawing: 120 flat numbers (C5's 1×1 maps), 84 in F6.
    await page.getByLabel('Model').selectOption('lenet5');
    await page.locator('.classify-live h3').filter({ hasText: '2. Flattened: 120 numbers in one list (drawn 20 to a row)' }).waitFor();
    await page.locator('#live-reads').filter({ hasText: /^The model reads this as 7 / }).waitFor();
    assert.equal(await page.locator('#live-maps').count(), 0, 'no 1×1 tiles to show');
    assert.match(await page.locator('#flat-at').textContent(), /^Number 1 of 120 is .*: map 1, row 1, column 1 /);
    assert.equal(await page.locator('.classify-live h3').nth(1).textContent(), '3. Dense layer F6: 84 activations, from 10,164 parameters');
    assert.match(await page.locator('#hidden-about').textContent(), /^tanh keeps each of the 84 between −1 and 1; \d+ of them are beyond ±0\.5\./);
    assert.deepEqual(errors, []);
  });
});

test('the seed model summary: 300 / 16,260 / 1,470,500 / 5,010 = 1,492,070, and 7×7×60 → 2,940', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/classify');
    await waitForApp(page);
    const rows = await page.locator('#summary-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 3).map((c) => c.textContent)));
    assert.deepEqual(rows, [
      ['conv2d (Conv2D, relu)', '26×26×30', '300'],
      ['max_pooling2d (MaxPooling2D)', '13×13×30', '0'],
      ['conv2d_1 (Conv2D, relu)', '13×13×60', '16,260'],
      ['max_pooling2d_1 (MaxPooling2D)', '7×7×60', '0'],
      ['flatten (Flatten)', '2940', '0'],
      ['dense (Dense, relu)', '500', '1,470,500'],
      ['dense_1 (Dense, softmax)', '10', '5,010'],
    ]);
    assert.equal(await page.locator('#summary-total').textContent(), '1,492,070');
    assert.match(await page.locator('#flatten-text').textContent(), /7×7×60 = 2,940 numbers/);
    assert.match(await page.locator('#where-params').textContent(), /^98\.6% .*\(dense\)/);
    await screenshot(page, 'classify.png');
    // LeNet-5 by keyboard: the select, then its total.
    await page.getByLabel('Model').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('#summary-total').filter({ hasText: '60,850' }).waitFor();
    await addressMatches(page, /model=lenet5/);
    assert.match(await page.locator('#flatten-text').textContent(), /400/);
    await page.getByRole('link', { name: 'See it work: draw a digit in the MNIST lab' }).click();
    await page.waitForURL((u) => u.pathname === '/lab');
    assert.deepEqual(errors, []);
  });
});

test('Chinese at 360 px', async () => {
  await withPage(app.browser, { locale: 'zh-CN', width: 360, height: 780 }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/classify?model=seed');
    await waitForApp(page);
    assert.match(await page.locator('#flatten-text').textContent(), /7×7×60 = 2,940 个数/);
    await page.locator('#drawing-pad').scrollIntoViewIfNeeded();
    for (const s of seven) await stroke(page, '#drawing-pad', s);
    await page.locator('#live-reads').filter({ hasText: /^模型认为这是 7（把握 \d+\.\d%）。$/ }).waitFor();
    assert.equal(await page.locator('.classify-live h3').nth(1).textContent(), '2. 展平：一串 2,940 个数（每行画 49 个）');
    assert.match(await page.locator('#flat-at').textContent(), /^第 1 个数（共 2,940 个）是 .*：来自最后特征图的第 1 张图、第 1 行、第 1 列。$/);
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'classify-zh-360.png');
    assert.deepEqual(errors, []);
  });
});
