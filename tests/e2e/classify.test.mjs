// From features to classes: the seed model's Keras summary as the engine computes it, the flatten
// arithmetic, switching to LeNet-5, the link into the lab, both languages and a narrow screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, withPage, waitForApp, overflowsHorizontally, screenshot } from './harness.mjs';

const app = useApp();

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
    assert.match(page.url(), /model=lenet5/);
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
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'classify-zh-360.png');
    assert.deepEqual(errors, []);
  });
});
