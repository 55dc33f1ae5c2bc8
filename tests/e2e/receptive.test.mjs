// Receptive fields in the lab's inspector: a learner points at (or moves with the arrow keys to) a
// cell of a feature map and sees which input pixels it reads, outlined, with the size by the
// formula and its numbers, the edge's clipping said, in both languages, for the seed model and
// LeNet-5. The expected fields are worked out by hand from the architectures in docs/models.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openLab, withPage, waitForApp, axeSerious } from './harness.mjs';

const app = useApp();

const text = (page, sel) => page.locator(`#receptive-field ${sel}`).textContent();
// The outline's place on the 28×28 input, in pixels (top, left, height, width).
const outline = (page) => page.locator('#receptive-field .field-box').evaluate((el) =>
  ['top', 'left', 'height', 'width'].map((k) => Math.round(parseFloat(el.style[k]) * 28 / 100)));
const cellIs = async (page, said) => {
  await page.waitForFunction((s) => document.querySelector('#receptive-field .field-cell')?.textContent.includes(s), said, { timeout: 10000 })
    .catch(async (e) => { throw new Error(`${e.message}\nshown: ${await page.locator('#receptive-field').textContent().catch(() => 'no field')}`); });
};

test('a cell of the seed model\'s second convolution reads an 8 × 8 patch, cut at the edge in the corner', async () => {
  const { context, page, errors } = await openLab(app, {}, '?test=3&layer=3&map=5');
  await page.locator('#map-caption').filter({ hasText: /map 5 of 60/ }).waitFor();
  const map = page.getByRole('img', { name: /^Cells of this map: point at one/ });
  await map.focus();
  await map.press('Home');
  await cellIs(page, 'conv2d_1 · ReLU, row 1, column 1: input rows 1–6, columns 1–6');
  assert.equal(await text(page, '.field-size'), 'Receptive field: 8 × 8 pixels');
  assert.equal(await text(page, '.formula'), 'r = 1 + (3 − 1)·1 + (2 − 1)·1 + (3 − 1)·2 = 8');
  assert.match(await text(page, '.field-clipped'), /past the image's edge into the padding: only 6 × 6 of its pixels/);
  assert.deepEqual(await outline(page), [0, 0, 6, 6]);
  // Three steps right and down: inside the image, the whole 8 × 8, two pixels further per step
  // (the first convolution has no padding: its 26 × 26 maps start at pixel 1).
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowDown']) await map.press(key);
  await cellIs(page, 'row 4, column 4: input rows 5–12, columns 5–12');
  assert.deepEqual(await outline(page), [4, 4, 8, 8]);
  assert.equal(await page.locator('#receptive-field .field-clipped').count(), 0);
  // The chosen cell is marked on the enlarged map too.
  const box = await page.locator('.map-detail .cell-box').evaluate((el) => [el.style.top, el.style.left]);
  assert.deepEqual(box.map((v) => Math.round(parseFloat(v) * 13 / 100)), [3, 3]);
  // Pointing works as the keys do: the middle of the 13 × 13 map is cell (7, 7).
  const b = await map.boundingBox();
  await page.mouse.move(b.x + b.width * 6.5 / 13, b.y + b.height * 6.5 / 13);
  await cellIs(page, 'row 7, column 7: input rows 11–18, columns 11–18');
  // The first convolution: 3 × 3.
  await page.locator('#inspect-layer').selectOption('0');
  await page.locator('#receptive-field .field-size').filter({ hasText: '3 × 3' }).waitFor();
  assert.equal(await text(page, '.formula'), 'r = 1 + (3 − 1)·1 = 3');
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('LeNet-5\'s C5 sees the whole padded 32 × 32 image, of which 28 × 28 are pixels; in Chinese', async () => {
  const { context, page, errors } = await openLab(app, {}, '?model=lenet5&test=3&lang=zh');
  const options = await page.locator('#inspect-layer option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  const c5 = options.find(([, label]) => label.startsWith('C5'));
  assert.ok(c5, `C5 is among the maps: ${JSON.stringify(options)}`);
  await page.locator('#inspect-layer').selectOption(c5[0]);
  await page.locator('#receptive-field .field-size').filter({ hasText: '感受野：32 × 32 像素' }).waitFor();
  assert.equal(await text(page, '.formula'), 'r = 1 + (5 − 1)·1 + (2 − 1)·1 + (5 − 1)·2 + (2 − 1)·2 + (5 − 1)·4 = 32');
  assert.match(await text(page, '.field-clipped'), /越过了图像边缘.*只有 28 × 28 个像素/);
  assert.deepEqual(await outline(page), [0, 0, 28, 28]);
  assert.match(await text(page, '.field-cell'), /^C5.*第 1 行，第 1 列：输入的第 1–28 行、第 1–28 列$/);
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the LeNet-5 lesson\'s C3 stop: a cell reads a 14 × 14 patch of the shown digit, the corners cut at its edge', async () => {
  await withPage(app.browser, {}, async ({ page, errors }) => {
    await page.goto(app.base + '/lenet5?layer=C3');
    await waitForApp(page);
    await page.locator('#show-sample').click();
    await page.locator('#lenet-reads').filter({ hasText: 'LeNet-5 reads this as 7' }).waitFor();
    assert.equal(await page.locator('#stop-field-title').textContent(), 'Receptive fields');
    assert.equal(await text(page, '.field-size'), 'Receptive field: 14 × 14 pixels');
    assert.equal(await text(page, '.formula'), 'r = 1 + (5 − 1)·1 + (2 − 1)·1 + (5 − 1)·2 = 14');
    const map = page.getByRole('img', { name: /^Cells of this map/ });
    await map.focus();
    await map.press('End');
    await cellIs(page, 'C3, row 10, column 10: input rows 17–28, columns 17–28');
    assert.match(await text(page, '.field-clipped'), /only 12 × 12 of its pixels/);
    assert.deepEqual(await outline(page), [16, 16, 12, 12]);
    // A click (a tap is the same pointer event) in the middle of the 10 × 10 map: cell (5, 5), all inside.
    const b = await map.boundingBox();
    await page.mouse.click(b.x + b.width * 4.5 / 10, b.y + b.height * 4.5 / 10);
    await cellIs(page, 'C3, row 5, column 5: input rows 7–20, columns 7–20');
    assert.equal(await page.locator('#receptive-field .field-clipped').count(), 0);
    assert.deepEqual(await axeSerious(page), []);
    // Past the flatten there is no field to draw: F6 reads every pixel.
    await page.locator('.layer-stop', { hasText: 'F6' }).click();
    await page.locator('#layer-title').filter({ hasText: 'F6' }).waitFor();
    assert.equal(await page.locator('#stop-field-title').count(), 0);
    assert.deepEqual(errors, []);
  });
});
