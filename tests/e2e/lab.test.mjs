// The MNIST lab as a learner uses it: draw digits with the mouse, pick a test image with the keyboard,
// look inside the network, train in the worker while the page keeps answering, keep the result across
// a reload, export and import it, refuse a corrupt file, and survive a learning rate that blows up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, openLab, openPage, waitForApp, stroke, screenshot, shotDir, axeSerious, overflowsHorizontally, setTraining, unchangedFor, suiteSettings } from './harness.mjs';

const app = useApp();


const prediction = (page) => page.getByRole('status', { name: 'Prediction' });
const predictedDigit = async (page) => Number((await prediction(page).textContent()).trim()[0]);

// Strokes in 0–1 pad coordinates.
const SEVEN = [[[0.28, 0.22], [0.72, 0.22], [0.46, 0.82]]];
const ONE = [[[0.5, 0.15], [0.5, 0.85]]];
const draw = async (page, strokes) => {
  await page.getByRole('button', { name: 'Clear' }).click();
  for (const s of strokes) await stroke(page, '#drawing-pad', s);
  await page.waitForFunction(() => /\d \(/.test(document.querySelector('#prediction').textContent));
};

test('a drawn 7 and a drawn 1 are recognised, with every layer drawn and a map to inspect', async () => {
  const { context, page, errors } = await openLab(app);
  assert.match(await page.locator('#weights-source').textContent(), /pretrained/);
  // Before anything is drawn there is nothing to inspect: a hint instead of empty controls.
  assert.match(await page.locator('#maps-empty').textContent(), /^Draw a digit or show a test image above/);
  assert.equal(await page.getByLabel('Layer').count(), 0);
  assert.equal(await page.locator('.feature-maps .scale-legend').count(), 1, 'the kernels\' legend only, none for maps not there');
  await draw(page, SEVEN);
  assert.equal(await predictedDigit(page), 7, await prediction(page).textContent());
  assert.equal(await page.locator('#maps-empty').count(), 0);
  const probs = (await page.locator('#probabilities .pct').allTextContents()).map((t) => parseFloat(t));
  assert.equal(probs.length, 10);
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 100) < 1, `probabilities sum to 100%: ${probs}`);
  assert.equal(Math.max(...probs), probs[7]);
  // Every layer of the seed model: conv, pool, conv, pool, dense, dense.
  const captions = await page.locator('#layer-outputs figcaption').allTextContents();
  assert.deepEqual(captions, ['conv2d · ReLU · 26×26×30', 'max_pooling2d · 13×13×30', 'conv2d_1 · ReLU · 13×13×60', 'max_pooling2d_1 · 7×7×60', 'dense · ReLU · 500', 'dense_1 · Softmax · 10']);
  // Inspect: choose the second conv layer and its 5th map with the keyboard-operable controls.
  await page.getByLabel('Layer').selectOption({ label: 'conv2d_1 · ReLU' });
  await page.getByLabel('Map', { exact: true }).fill('5');
  await page.getByLabel('Map', { exact: true }).press('Enter');
  assert.match(await page.locator('#map-caption').textContent(), /^conv2d_1 · ReLU, map 5 of 60: 13×13/);
  assert.equal(await page.locator('.map-values td').count(), 169);
  // …or by clicking a tile of the first pooling layer (its top-left map).
  const pool = page.locator('#layer-outputs canvas').nth(1);
  await pool.click({ position: { x: 2, y: 2 } });
  assert.match(await page.locator('#map-caption').textContent(), /^max_pooling2d, map 1 of 30: 13×13/);

  await draw(page, ONE);
  assert.equal(await predictedDigit(page), 1, await prediction(page).textContent());
  await screenshot(page, 'lab.png');
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard: a test-set image is shown and predicted correctly, with both models', async () => {
  const { context, page, errors } = await openLab(app);
  // Test image 4 is a 0, 3 a 1 (MNIST t10k order: 7 2 1 0 4 …).
  await page.getByLabel('Test image number').fill('4');
  await page.getByLabel('Test image number').press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('#sample-truth').filter({ hasText: 'True label: 0' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#prediction').textContent.startsWith('0'));
  await page.getByLabel('Model').selectOption('lenet5');
  await page.locator('#layer-outputs figcaption').first().filter({ hasText: 'C1' }).waitFor();
  assert.equal(await predictedDigit(page), 0);
  const captions = await page.locator('#layer-outputs figcaption').allTextContents();
  assert.deepEqual(captions, ['C1 · Tanh · 28×28×6', 'S2 · Tanh · 14×14×6', 'C3 · Tanh · 10×10×16', 'S4 · Tanh · 5×5×16', 'C5 · Tanh · 1×1×120', 'F6 · Tanh · 84', 'output · Softmax · 10']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('training LeNet-5 in the worker: progress, curves, epochs, and the page keeps answering; the result survives a reload, export and import', async () => {
  // Held to 20 steps a second, the 300 steps last at least 15 s: the run is still going when the
  // test draws and pauses, on any machine.
  const pace = 20;
  const { context, page, errors } = await openLab(app, {}, `?pace=${pace}`);
  await setTraining(page, { model: 'lenet5', optimizer: 'adam', lr: '0.001', batch: '10', epochs: '3', images: '1000' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('progressbar', { name: 'Loading data' }).waitFor();
  await page.getByRole('progressbar', { name: 'Training progress' }).waitFor({ timeout: 60000 });
  await page.locator('#train-text').filter({ hasText: /images\/s/ }).waitFor();
  // While it trains, the drawing pad still answers (with the weights being trained).
  await page.locator('#weights-source').filter({ hasText: 'being trained now' }).waitFor({ timeout: 60000 });
  await draw(page, ONE);
  await screenshot(page, 'lab-training.png');
  // Pause holds the run where it is; Resume continues it.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('#lab-status').filter({ hasText: 'Paused' }).waitFor();
  const held = await page.locator('#train-text').textContent();
  assert.ok(await unchangedFor(page, '#train-text', 20 * 1000 / pace), 'no progress in the time of 20 steps while paused');
  assert.equal(await page.getByRole('button', { name: 'Resume' }).isEnabled(), true);
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.waitForFunction((t) => document.querySelector('#train-text').textContent !== t, held);
  await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  assert.equal(await page.locator('#epoch-table tbody tr').count(), 3);
  // While a run is busy the curves are redrawn at most once a second; the finished run's last
  // state must still be drawn: a fresh redraw (Chinese and back) gives the same picture.
  const curves = () => page.evaluate(() => ['#loss-chart', '#accuracy-chart'].map((c) => document.querySelector(c).toDataURL()));
  await page.waitForFunction(() => ['#loss-chart', '#accuracy-chart'].every((c) => document.querySelector(c).dataset.steps === '300'));
  const finished = await curves();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor();
  assert.deepEqual(await curves(), finished, 'the curves show the finished run');
  // The legend is text under the two charts, not a box over their curves.
  assert.deepEqual(await page.locator('#chart-legend li').allTextContents(), ['train (smoothed, per batch)', 'test (per epoch)']);
  const [chart, legend] = await Promise.all(['#accuracy-chart', '#chart-legend'].map((s) => page.locator(s).boundingBox()));
  assert.ok(legend.y >= chart.y + chart.height - 1, 'the legend is below the charts');
  const summary = await page.locator('#curve-summary').textContent();
  const m = summary.match(/^(\d+) training steps: loss ([\d.]+) at the first step, ([\d.]+) now/);
  assert.ok(m, summary);
  assert.equal(Number(m[1]), 300, 'three epochs of 100 batches');
  assert.ok(Number(m[3]) < Number(m[2]) * 0.5, `loss fell: ${summary}`);
  const acc = parseFloat((await page.locator('#epoch-table tbody tr').last().locator('td').nth(2).textContent()));
  assert.ok(acc > 80, `test accuracy after 3 short epochs: ${acc}%`);
  assert.match(await page.locator('#weights-source').textContent(), /trained here/);

  // Export, then reload: the trained weights and curves come back from IndexedDB.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  assert.equal(download.suggestedFilename(), 'convlab-lenet5.safetensors');
  const file = path.join(shotDir, 'convlab-lenet5.safetensors');
  await download.saveAs(file);
  const before = await prediction(page).textContent();
  await page.reload();
  await waitForApp(page);
  // The reload comes back to LeNet-5 and shows the settings of the run that made its weights.
  await page.locator('#lab-status').filter({ hasText: 'Restored' }).waitFor();
  assert.equal(await page.getByLabel('Model').inputValue(), 'lenet5');
  assert.deepEqual(
    [await page.getByLabel('Optimizer').inputValue(), await page.getByLabel('Learning rate').inputValue(),
      await page.getByLabel('Batch size').inputValue(), await page.getByLabel('Epochs').inputValue(),
      await page.getByLabel('Training images').inputValue()],
    ['adam', '0.001', '10', '3', '1000']);
  assert.equal(await page.locator('#epoch-table tbody tr').count(), 3);
  assert.match(await page.locator('#weights-source').textContent(), /trained here/);

  // Reset goes back to the pretrained weights; importing the export brings ours back, same prediction.
  await page.getByRole('button', { name: 'Reset weights' }).click();
  await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor();
  await page.setInputFiles('#import', file);
  await page.locator('#lab-status').filter({ hasText: 'Imported convlab-lenet5.safetensors' }).waitFor();
  await draw(page, ONE);
  assert.equal(await prediction(page).textContent().then((t) => t.split(' (')[0] + t.split('%')[0].split('(')[1]), before.split(' (')[0] + before.split('%')[0].split('(')[1]);

  // A corrupt file is refused with a message; the weights in use do not change.
  await page.setInputFiles('#import', { name: 'broken.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('not a weights file') });
  await page.locator('#lab-status').filter({ hasText: 'Could not import broken.safetensors' }).waitFor();
  assert.match(await page.locator('#weights-source').textContent(), /imported/);
  // The seed model's file is refused by LeNet-5, named for what it is (its metadata says so)…
  await page.setInputFiles('#import', path.join(process.cwd(), '..', '..', 'assets', 'models', 'seed.safetensors'));
  await page.locator('#lab-status').filter({ hasText: 'Could not import seed.safetensors' }).waitFor();
  assert.equal(await page.locator('#lab-status').textContent(),
    "Could not import seed.safetensors: it holds the weights of the source's CNN; choose that model under Model first. The weights in use are unchanged.");
  // …in the learner's language, engine reasons included.
  await page.getByRole('button', { name: '中文' }).click();
  assert.equal(await page.locator('#lab-status').textContent(),
    '无法导入 seed.safetensors：这是原文 CNN 模型的权重；请先在“模型”中选择它。当前权重保持不变。');
  await page.setInputFiles('#import', { name: 'broken.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('not a weights file') });
  await page.locator('#lab-status').filter({ hasText: '它不是权重文件（safetensors），或者已经损坏' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a learning rate that blows up stops the run with an explanation and keeps working weights', async () => {
  const { context, page, errors } = await openLab(app);
  await page.getByLabel('Optimizer').selectOption('sgd');
  await page.getByLabel('Learning rate').fill('100');
  await page.getByLabel('Training images').selectOption('1000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('#lab-status').filter({ hasText: 'learning rate is too large' }).waitFor({ timeout: 120000 });
  // Caught either by the loss or, first, by weights the step pushed out of bounds (depends on the seed).
  assert.match(await page.locator('#lab-status').textContent(),
    /Training stopped at epoch \d+, batch \d+: (the loss reached ([\d.]+|[\d.]+e\d+|NaN \(not a number\)), far above|that step pushed weights of tensor \d+\.(weight|bias) to NaN, infinity or beyond ±1,000,000)/);
  assert.equal(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), true);
  // A nonsense setting is refused before anything starts.
  await page.getByLabel('Learning rate').fill('fast');
  assert.match(await page.locator('#train-lr-error').textContent(), /Learning rate: “fast” is not a number; still using 100/);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  assert.match(await page.locator('#lab-status').textContent(), /Learning rate must be a number/);
  await draw(page, SEVEN);
  assert.match(await prediction(page).textContent(), /^\d \(/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Chinese, 360 px and touch: the pad takes a finger stroke and nothing overflows', async () => {
  const { context, page, errors } = await openLab(app, { locale: 'zh-CN', width: 360, height: 780, hasTouch: true });
  assert.equal(await page.locator('h1').textContent(), 'MNIST 实验室');
  await page.getByRole('button', { name: '显示测试图片' }).click();
  await page.locator('#sample-truth').filter({ hasText: '真实标签：7' }).waitFor();
  // A finger stroke: pointer events of type touch.
  const box = await page.locator('#drawing-pad').boundingBox();
  await page.locator('#drawing-pad').evaluate((el, b) => {
    const ev = (type, x, y) => el.dispatchEvent(new PointerEvent(type, { pointerType: 'touch', pointerId: 7, bubbles: true, clientX: b.x + x * b.width, clientY: b.y + y * b.height, isPrimary: true }));
    ev('pointerdown', 0.5, 0.15);
    for (let i = 1; i <= 10; i++) ev('pointermove', 0.5, 0.15 + i * 0.07);
    ev('pointerup', 0.5, 0.85);
  }, box);
  await page.waitForFunction(() => document.querySelector('#sample-truth').textContent === '');
  await page.waitForFunction(() => /^\d（/.test(document.querySelector('#prediction').textContent));
  assert.equal(await overflowsHorizontally(page), false);
  await screenshot(page, 'lab-zh-360.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a training worker that dies is reported and replaced; training then works', async () => {
  const { context, page, errors } = await openLab(app);
  // The first worker's script throws as it loads: the page must say so and not hang.
  // Whichever build the page picks (plain or relaxed SIMD), its script throws.
  const workerScript = /\/worker(_relaxed)?\.js$/;
  await page.route(workerScript, (route) => route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("worker died for the test")' }));
  await page.getByLabel('Model').selectOption('lenet5');
  await page.getByLabel('Training images').selectOption('1000');
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('#lab-status').filter({ hasText: 'The training worker crashed' }).waitFor({ timeout: 60000 });
  assert.equal(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), true);
  // The drawing pad is unaffected, and a second attempt gets a healthy worker.
  await draw(page, ONE);
  assert.equal(await predictedDigit(page), 1);
  await page.unroute(workerScript);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  assert.equal(await page.locator('#epoch-table tbody tr').count(), 1);
  assert.deepEqual(errors.filter((e) => !e.includes('worker died for the test')), []);
  await context.close();
});

test('a run goes on while the learner reads another lesson; the header links back; leaving the site asks first', async () => {
  // Held to 20 steps a second, the run's 500 steps last at least 25 s, 20 s after its first epoch:
  // it outlasts the visit below on any machine (the badge goes when the run ends).
  const { context, page, errors } = await openLab(app, {}, '?pace=20');
  await page.getByLabel('Model').selectOption('lenet5');
  await page.getByLabel('Training images').selectOption('1000');
  await page.getByLabel('Batch size').fill('10');
  await page.getByLabel('Epochs').fill('5');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('#epoch-table tbody tr').first().waitFor({ timeout: 120000 });
  const teamText = await page.locator('#team-text').textContent();
  const team = Number(teamText.match(/in (\d+) Web Worker/)[1]);
  if (team > 1) {
    // A team says how it divided the last batch: every image once, among all its workers.
    const parts = teamText.match(/\(last batch: ([\d + ]+) images\)/)[1].split(' + ').map(Number);
    assert.equal(parts.length, team, teamText);
    assert.equal(parts.reduce((a, b) => a + b), 10, teamText);
  }
  // Another lesson: the worker keeps training and the header says how far it is.
  await page.getByRole('navigation').getByRole('link', { name: 'Pooling' }).click();
  await page.waitForURL(/\/pooling(\?|$)/);
  const badge = page.locator('#training-badge');
  await badge.waitFor();
  assert.match(await badge.textContent(), /^Training in the lab: \d+%$/);
  assert.equal(page.workers().length, team, 'the training workers live on');
  const pct = async () => Number((await badge.textContent()).match(/(\d+)%/)[1]);
  const before = await pct();
  await page.waitForFunction((b) => Number(document.querySelector('#training-badge')?.textContent.match(/(\d+)%/)?.[1] ?? 101) > b, before, { timeout: 60000 });
  // Closing the tab mid-run asks first.
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  assert.equal(asked.type(), 'beforeunload');
  await asked.dismiss();
  assert.equal(page.isClosed(), false, 'dismissing the question keeps the page');
  // Back through the header link: the same run, its form, and it finishes.
  await badge.click();
  await page.waitForURL(/\/lab(\?|$)/);
  assert.equal(await page.getByLabel('Model').inputValue(), 'lenet5');
  assert.equal(await page.getByLabel('Batch size').inputValue(), '10');
  await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  assert.equal(await page.locator('#epoch-table tbody tr').count(), 5);
  assert.equal(await badge.count(), 0, 'no badge once the run is over');
  assert.deepEqual(errors, []);
  await context.close();
});

// Reads a safetensors file (8-byte little-endian header length, JSON header, f32 data) into arrays.
function readSafetensors(file) {
  const buf = fs.readFileSync(file);
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + n).toString());
  const out = {};
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [a, b] = t.data_offsets;
    const bytes = buf.subarray(8 + n + a, 8 + n + b);
    out[name] = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  return out;
}

const maxDiff = (x, y) => {
  assert.deepEqual(Object.keys(x).sort(), Object.keys(y).sort());
  let worst = 0;
  for (const k of Object.keys(x)) for (let i = 0; i < x[k].length; i++) worst = Math.max(worst, Math.abs(x[k][i] - y[k][i]));
  return worst;
};

test('one worker and a team of two train the same weights; the plain SIMD build is used where asked', async () => {
  // The same short LeNet-5 run three ways: one worker (plain SIMD), two workers (plain SIMD), and the
  // page's own choice (two workers on this two-core machine, relaxed SIMD where Chromium has it).
  const run = async (query, label) => {
    const { context, page, errors } = await openLab(app, {}, query);
    await page.getByLabel('Model').selectOption('lenet5');
    await page.getByLabel('Training images').selectOption('1000');
    await page.getByLabel('Batch size').fill('32');
    await page.getByLabel('Epochs').fill('2');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
    // (A suite run with CONVLAB_SLOWDOWN adds that it holds the workers back.)
    const team = (await page.locator('#team-text').textContent()).replace(/ · held back for a test \(.*\)$/, '');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const file = path.join(shotDir, `team-${label}.safetensors`);
    await download.saveAs(file);
    assert.deepEqual(errors, []);
    await context.close();
    return { team, weights: readSafetensors(file) };
  };
  const one = await run('?workers=1&simd=plain', 'one');
  assert.equal(one.team, 'Trains in 1 Web Worker · wasm SIMD (multiply, then add)');
  const two = await run('?workers=2&simd=plain', 'two');
  assert.equal(two.team, 'Trains in 2 Web Workers, each on a part of every batch sized to its speed · wasm SIMD (multiply, then add)');
  const d = maxDiff(one.weights, two.weights);
  assert.ok(d < 1e-5, `one worker vs two: weights differ by ${d}`);
  const chosen = await run('', 'chosen');
  // Two on this two-core machine, unless the suite runs with CONVLAB_WORKERS.
  const expected = Number(suiteSettings.workers ?? 2);
  assert.match(chosen.team, expected === 1 ? /^Trains in 1 Web Worker /: new RegExp(`^Trains in ${expected} Web Workers`));
  // Fused multiply-adds round differently (once instead of twice); after 64 steps the weights agree closely.
  const dr = maxDiff(one.weights, chosen.weights);
  console.log(`# ${chosen.team}: max weight difference to one plain worker ${dr}`);
  assert.ok(dr < 1e-5, `relaxed vs plain: weights differ by ${dr}`);
});
