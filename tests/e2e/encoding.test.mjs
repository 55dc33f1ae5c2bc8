// Image encoding: one MNIST digit at 8, 16, 28 and 32 pixels, every value readable by keyboard and
// pointer and checked against the shipped IDX file and an independent area-average resampling; the
// number grid; the cost table; the URL; Chinese at 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, withPage, waitForApp, overflowsHorizontally, screenshot, root, addressMatches } from './harness.mjs';

const app = useApp();
const idx = fs.readFileSync(path.join(root, 'assets', 'samples', 't10k-images-100.idx'));
const digit = (n) => [...idx.subarray(16 + (n - 1) * 784, 16 + n * 784)];

// Box-filter resampling written independently of the engine: each output pixel is the mean of the
// input area it covers.
function areaResize(img, s, t) {
  const out = [];
  const k = s / t;
  for (let oy = 0; oy < t; oy++) for (let ox = 0; ox < t; ox++) {
    let sum = 0;
    for (let iy = 0; iy < s; iy++) for (let ix = 0; ix < s; ix++) {
      const wy = Math.max(0, Math.min((oy + 1) * k, iy + 1) - Math.max(oy * k, iy));
      const wx = Math.max(0, Math.min((ox + 1) * k, ix + 1) - Math.max(ox * k, ix));
      sum += wx * wy * img[iy * s + ix];
    }
    out.push(Math.round(sum / (k * k)));
  }
  return out;
}

test('the digit at four sizes: captions, keyboard and pointer readings, number grid, costs', async () => {
  await withPage(app.browser, { hasTouch: true }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/encoding');
    await waitForApp(page);
    await page.locator('#digit-label').filter({ hasText: 'This is a 7.' }).waitFor();
    assert.deepEqual(await page.locator('.resolution figcaption').allTextContents(),
      ['8×8 pixels = 64 values', '16×16 pixels = 256 values', '28×28 pixels = 784 values', '32×32 pixels = 1,024 values']);
    // Keyboard on the 28×28 original: focus starts mid-image; arrows move; values are the file's.
    const img = digit(1);
    await page.locator('#res-28').focus();
    assert.equal(await page.locator('#res-28-reading').textContent(), `Row 15, column 15: ${img[14 * 28 + 14]}`);
    for (const [key, r, c] of [['ArrowUp', 13, 14], ['ArrowLeft', 13, 13], ['ArrowDown', 14, 13], ['ArrowDown', 15, 13]]) {
      await page.keyboard.press(key);
      assert.equal(await page.locator('#res-28-reading').textContent(), `Row ${r + 1}, column ${c + 1}: ${img[r * 28 + c]}`);
    }
    // Pointer on the 16×16: the pixel under it (row 6, column 9).
    const small = areaResize(img, 28, 16);
    const box = await page.locator('#res-16').boundingBox();
    await page.mouse.move(box.x + (8.5 / 16) * box.width, box.y + (5.5 / 16) * box.height);
    assert.equal(await page.locator('#res-16-reading').textContent(), `Row 6, column 9: ${small[5 * 16 + 8]}`);
    // The 8×8 number grid equals the independent resampling, cell by cell.
    const cells = (await page.locator('#number-grid td').allTextContents()).map(Number);
    assert.deepEqual(cells, areaResize(img, 28, 8));
    await page.getByLabel('Show the numbers of').selectOption('32');
    assert.deepEqual((await page.locator('#number-grid td').allTextContents()).map(Number), areaResize(img, 28, 32));
    // Costs: values, bytes for 60,000 images, connections of Conv2D(30, 3×3) = (s−2)²×30×(9+1).
    const costs = await page.locator('#cost-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.deepEqual(costs, [
      ['8×8', '64', '3,840,000', '10,800'],
      ['16×16', '256', '15,360,000', '58,800'],
      ['28×28', '784', '47,040,000', '202,800'],
      ['32×32', '1,024', '61,440,000', '270,000'],
    ]);
    await screenshot(page, 'encoding.png');
    // Another digit, by typing its number; the URL follows.
    await page.getByLabel('Test image number').fill('3');
    await page.getByLabel('Test image number').press('Enter');
    await page.locator('#digit-label').filter({ hasText: 'This is a 1.' }).waitFor();
    await addressMatches(page, /digit=3&grid=32/);
    assert.deepEqual(errors, []);
  });
});

test('a shared URL restores the digit and grid; Chinese at 360 px', async () => {
  await withPage(app.browser, { locale: 'zh-CN', width: 360, height: 780 }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/encoding?digit=2&grid=16');
    await waitForApp(page);
    await page.locator('#digit-label').filter({ hasText: '这是数字 2。' }).waitFor();
    assert.equal(await page.locator('#number-grid td').count(), 256);
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'encoding-zh-360.png');
    assert.deepEqual(errors, []);
  });
});
