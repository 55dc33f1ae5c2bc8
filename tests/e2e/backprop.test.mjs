// "How the network learns" as a learner uses it: step through the backward pass by keyboard, check
// that the kernel gradient shown is the sum of the input times the output gradient shown (and the
// input gradient the full convolution with the flipped kernel), take one update, share the set-up
// by link, train 20 steps, see a too-large learning rate fail and be told why; in Chinese at 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp, screenshot, axeSerious, overflowsHorizontally, addressMatches } from './harness.mjs';

const app = useApp();

const num = (t) => Number(t.trim().replace('−', '-'));
/** A grid's numbers, row by row, found by its accessible name (the table's caption). */
const grid = (page, name) => page.getByRole('table', { name, exact: true }).locator('tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.querySelector('input')?.value ?? td.textContent)));
const numbers = async (page, name) => (await grid(page, name)).map((r) => r.map(num));
const loss = async (page) => num((await page.locator('#bp-loss').textContent()).split('=').pop());

test('the backward pass step by step: the shown gradients follow from the shown numbers, an update lowers the loss', async () => {
  const { context, page, errors } = await openPage(app.browser);
  await page.goto(app.base + '/backprop');
  await waitForApp(page);
  for (const name of ['Input', 'Kernel', 'Convolution output', 'After ReLU', 'After max pooling']) {
    await page.getByRole('table', { name, exact: true }).waitFor();
  }
  assert.equal(await page.getByRole('table', { name: 'Kernel gradient' }).count(), 0, 'not before its step');
  // By keyboard: the step slider, five steps on, to the kernel's gradient.
  await page.getByLabel('Step', { exact: true }).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.locator('#bp-stage').filter({ hasText: 'The kernel\'s gradient is the 2D lesson\'s window sweep' }).waitFor();
  const input = await numbers(page, 'Input');
  const outGrad = await numbers(page, 'Output gradient');
  const kernelGrad = await numbers(page, 'Kernel gradient');
  assert.deepEqual([input.length, outGrad.length, kernelGrad.length], [6, 4, 3]);
  // Shown numbers are rounded to 3 decimals: 16 products of a 0/1 input with a rounded gradient.
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) sum += input[y + i][x + j] * outGrad[y][x];
      assert.ok(Math.abs(sum - kernelGrad[i][j]) < 0.01, `K[${i},${j}]: ${sum} vs ${kernelGrad[i][j]}`);
    }
  }
  assert.ok(kernelGrad.flat().some((v) => v !== 0), 'a gradient to check');
  // A cell picked spells out its sum.
  await page.getByRole('button', { name: /^Kernel gradient, row 2, column 3: / }).click();
  const sum = await page.locator('#bp-sum').textContent();
  assert.match(sum, /^∂L\/∂K\[1, 2\] = /);
  assert.equal(num(sum.split('=').pop()), kernelGrad[1][2]);
  // The input's gradient: the output gradient convolved (fully) with the kernel turned 180°.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.locator('#bp-stage').filter({ hasText: 'The input\'s gradient is a full convolution' }).waitFor();
  const kernel = await numbers(page, 'Kernel');
  const inputGrad = await numbers(page, 'Input gradient');
  for (let r = 0; r < 6; r++) {
    for (let c = 0; c < 6; c++) {
      let sum = 0;
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) {
        const [i, j] = [r - y, c - x];
        if (i >= 0 && i < 3 && j >= 0 && j < 3) sum += outGrad[y][x] * kernel[i][j];
      }
      assert.ok(Math.abs(sum - inputGrad[r][c]) < 0.01, `input[${r},${c}]`);
    }
  }
  // The update: K − η·∂L/∂K, and a lower loss.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.locator('#bp-stage').filter({ hasText: 'Update: every weight moves against its gradient' }).waitFor();
  const newKernel = await numbers(page, 'Kernel after the step');
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    assert.ok(Math.abs(newKernel[i][j] - (kernel[i][j] - 0.5 * kernelGrad[i][j])) < 0.002);
  }
  const before = await loss(page);
  await page.getByRole('button', { name: 'Take this step' }).click();
  await page.waitForFunction((b) => Number(document.querySelector('#bp-loss').textContent.split('=').pop().trim()) < b, before);
  assert.deepEqual(await numbers(page, 'Kernel'), newKernel);
  // A pixel switched changes the pass.
  const was = await loss(page);
  await page.getByRole('button', { name: 'Input, row 3, column 3: 1' }).click();
  await page.getByRole('button', { name: 'Input, row 3, column 3: 0' }).waitFor();
  assert.notEqual(await loss(page), was);
  // The link keeps the input, target, kernel, η and step: a fresh tab opens the same pass.
  await page.getByRole('radio', { name: '1: horizontal stroke' }).check();
  await page.getByLabel('Learning rate η').fill('2');
  // The step went back to the forward pass with the step taken; End takes the slider to the update.
  await page.getByLabel('Step', { exact: true }).focus();
  await page.keyboard.press('End');
  await addressMatches(page, /step=8/);
  await addressMatches(page, /rate=2/);
  const shared = page.url();
  assert.match(shared, /target=1/);
  assert.ok(/kernel=/.test(shared) && /dense=/.test(shared), 'the weights the step changed');
  const state = async (p) => [await grid(p, 'Input'), await grid(p, 'Kernel'), await p.locator('#bp-loss').textContent(),
    await p.locator('#bp-stage').textContent()];
  const want = await state(page);
  const other = await openPage(app.browser);
  await other.page.goto(shared);
  await waitForApp(other.page);
  await other.page.locator('#bp-stage').filter({ hasText: 'η = 2.' }).waitFor();
  assert.deepEqual(await state(other.page), want);
  assert.deepEqual(other.errors, []);
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('20 steps lower the loss; a learning rate too large fails and the page says why, in Chinese at 360 px', async () => {
  const { context, page, errors } = await openPage(app.browser, { locale: 'zh-CN', width: 360, height: 740, hasTouch: true });
  await page.goto(app.base + '/backprop');
  await waitForApp(page);
  await page.getByRole('button', { name: '训练 20 步' }).click();
  const fell = await page.locator('#train-outcome').filter({ hasText: /^20 步里损失从 / }).textContent();
  const [a, b] = fell.match(/从 ([\d.]+) 降到 ([\d.]+)/).slice(1).map(Number);
  assert.ok(b < a / 4, fell);
  await page.getByRole('img', { name: /^20 步中的损失/ }).waitFor();
  await page.getByRole('button', { name: '重置权重' }).click();
  await page.getByLabel('学习率 η').fill('20');
  await page.getByRole('button', { name: '训练 20 步' }).click();
  const failed = await page.locator('#train-outcome').textContent();
  assert.match(failed, /η = 20/);
  assert.match(failed, /请重置权重，试一个更小的 η，例如 0\.5。$/);
  // The backward pass's grids by their Chinese names, and the page fits a phone.
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: '下一步', exact: true }).click();
  for (const name of ['输入', '卷积核', '卷积输出', '输出梯度', '卷积核梯度', '输入梯度']) {
    await page.getByRole('table', { name, exact: true }).waitFor();
  }
  assert.equal(await overflowsHorizontally(page), false);
  await screenshot(page, 'backprop-zh-360.png');
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
