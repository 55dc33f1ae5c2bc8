// The pooling lesson: the text's 4×4 example (average 5, max 7 in the first window), every window
// against an independent computation, editing values, window and stride controls, both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, setSlider, withPage, waitForApp, overflowsHorizontally, screenshot } from './harness.mjs';

const app = useApp();

const example = [3, 6, 1, 2, 4, 7, 5, 0, 8, 2, 1, 1, 3, 4, 6, 9];

function pool(values, size, stride) {
  const out = { avg: [], max: [] };
  for (let y = 0; y + size <= 4; y += stride) {
    for (let x = 0; x + size <= 4; x += stride) {
      const w = [];
      for (let r = y; r < y + size; r++) for (let c = x; c < x + size; c++) w.push(values[r * 4 + c]);
      out.avg.push(Math.round((w.reduce((a, b) => a + b, 0) / w.length) * 1000) / 1000);
      out.max.push(Math.max(...w));
    }
  }
  return out;
}

const cells = (page, id) => page.locator(`#${id} td`).allTextContents();


test('the text\'s example: (3+6+4+7)/4 = 5 and max(3,6,4,7) = 7', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/pooling');
    await waitForApp(page);
    assert.equal(await page.locator('#pool-avg-reading').textContent(), '(3+6+4+7)/4 = 5');
    assert.equal(await page.locator('#pool-max-reading').textContent(), 'max(3,6,4,7) = 7');
    const want = pool(example, 2, 2);
    assert.deepEqual((await cells(page, 'pool-avg')).map(Number), want.avg);
    assert.deepEqual((await cells(page, 'pool-max')).map(Number), want.max);
    assert.equal(await page.locator('td.in-window').count(), 4);
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await page.locator('#pool-max-reading').textContent(), 'max(1,2,5,0) = 5');
    await screenshot(page, 'pooling.png');
    assert.deepEqual(errors, []);
  });
});

test('window and stride controls and edited values give the right pools everywhere', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/pooling');
    await waitForApp(page);
    const values = [...example];
    // Edit a value with the keyboard: row 1, column 2 becomes 10.
    await page.getByLabel('Row 1, column 2').fill('10');
    await page.getByLabel('Row 1, column 2').press('Tab');
    values[1] = 10;
    assert.equal(await page.locator('#pool-max-reading').textContent(), 'max(3,10,4,7) = 10');
    // Not a number: refused, the old value stays.
    await page.getByLabel('Row 4, column 4').fill('');
    await page.getByLabel('Row 4, column 4').press('Tab');
    assert.equal(await page.getByLabel('Row 4, column 4').getAttribute('aria-invalid'), 'true');
    for (const [size, stride] of [[2, 2], [2, 1], [3, 1], [3, 2], [1, 1], [4, 1], [2, 3]]) {
      await setSlider(page, 'pool-window', size);
      await setSlider(page, 'pool-stride', stride);
      const want = pool(values, size, stride);
      assert.deepEqual((await cells(page, 'pool-avg')).map(Number), want.avg, `avg ${size}/${stride}`);
      assert.deepEqual((await cells(page, 'pool-max')).map(Number), want.max, `max ${size}/${stride}`);
      assert.equal(await page.locator('#pool-step-value').textContent(), `1 / ${want.avg.length}`);
    }
    // Keyboard on the window slider.
    await page.getByRole('slider', { name: 'Window size' }).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator("#pool-avg td").count(), pool(values, 1, 3).avg.length);
    await page.getByRole('button', { name: 'Reset to the example' }).click();
    assert.equal(await page.locator('#pool-avg-reading').textContent(), '(3+6+4+7)/4 = 5');
    assert.deepEqual(errors, []);
  });
});

test('Chinese text and phone width', async () => {
  await withPage(app.browser, { width: 360, height: 740 }, async ({ context, page, errors }) => {
    await page.goto(app.base + '/pooling');
    await waitForApp(page);
    await page.getByRole('button', { name: '中文' }).click();
    assert.equal(await page.getByRole('slider', { name: '窗口大小' }).count(), 1);
    assert.equal(await page.getByLabel('第 1 行，第 1 列').inputValue(), '3');
    assert.equal(await overflowsHorizontally(page), false);
    assert.deepEqual(errors, []);
  });
});
