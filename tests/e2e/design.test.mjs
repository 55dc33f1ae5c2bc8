// Build your own network, as a learner uses it: the seed preset's totals, an edit whose totals
// follow, an impossible design explained in both languages while the rest stays editable, refused
// input kept out of the design, layers added, moved and removed, and the design's round trip
// through the URL, a downloaded JSON file and the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, openPage, waitForApp, screenshot, shotDir, axeSerious, overflowsHorizontally, root, setTraining } from './harness.mjs';

const app = useApp();

async function openDesign(opts = {}, query = '') {
  const o = await openPage(app.browser, opts);
  await o.page.goto(app.base + '/design' + query);
  await waitForApp(o.page);
  await o.page.locator('#design-layers').waitFor();
  return o;
}

const layer = (page, n) => page.getByRole('group', { name: new RegExp(`^(Layer|第) ${n}( 层)? · `) });
const total = (page) => page.locator('#design-total').textContent();

test('the seed preset totals 1,492,070; edits follow; an impossible design is explained and mended', async () => {
  const { context, page, errors } = await openDesign();
  assert.equal(await total(page), 'Total params: 1,492,070');
  assert.equal(await page.locator('fieldset.design-layer').count(), 6, 'six layers before the fixed output');
  assert.match(await layer(page, 1).textContent(), /Output 26×26×30 · 300 parameters · 30×\(1×3×3\+1\) = 300/);
  assert.match(await layer(page, 6).textContent(), /1,470,500 parameters · 500×\(2940\+1\) = 1,470,500/);
  // 16 filters instead of 30: 16×(9+1) + 60×(16×9+1) + 500×(2940+1) + 10×(500+1).
  await layer(page, 1).getByLabel('Filters').fill('16');
  const want = 16 * 10 + 60 * (16 * 9 + 1) + 500 * 2941 + 10 * 501;
  await page.locator('#design-total').filter({ hasText: want.toLocaleString('en-US') }).waitFor();
  // Letters are refused next to the field; the design keeps its number.
  await layer(page, 6).getByLabel('Units').fill('abc');
  await layer(page, 6).getByText('Units: “abc” is not a number; still using 500. Type a number from 1 to 4096.').waitFor();
  // Each field says its own range, the one the plan checks: 0 filters and a 33×33 kernel are refused beside the field.
  await layer(page, 1).getByLabel('Filters').fill('0');
  await layer(page, 1).getByText('Filters: 0 is outside 1 to 512; still using 16.').waitFor();
  await layer(page, 1).getByLabel('Filters').fill('16');
  await layer(page, 1).getByLabel('Kernel size').fill('33');
  await layer(page, 1).getByText('Kernel size: 33 is outside 1 to 32; still using 3.').waitFor();
  await layer(page, 1).getByLabel('Kernel size').fill('3');
  assert.equal(await layer(page, 6).getByLabel('Units').getAttribute('aria-invalid'), 'true');
  assert.equal(await total(page), `Total params: ${want.toLocaleString('en-US')}`);
  // Full-width digits, as a Chinese keyboard types them, are numbers.
  await layer(page, 6).getByLabel('Units').fill('１２８');
  const want128 = 16 * 10 + 60 * 145 + 128 * 2941 + 10 * 129;
  await page.locator('#design-total').filter({ hasText: want128.toLocaleString('en-US') }).waitFor();

  // A kernel larger than the image: the layer and the reason, in an alert; the rest stays editable.
  await layer(page, 1).getByLabel('Kernel size').fill('29');
  const alert = page.getByRole('alert').filter({ hasText: 'cannot work' });
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), 'This design cannot work: layer 1: the window (29) is larger than its input (28) along the height: no position fits.');
  assert.equal(await page.locator('#design-total').count(), 0, 'no totals for a design that cannot work');
  assert.match(await layer(page, 1).getAttribute('class'), /bad/);
  await screenshot(page, 'design-impossible.png');
  assert.deepEqual(await axeSerious(page), []);
  await layer(page, 1).getByLabel('Kernel size').fill('3');
  await page.locator('#design-total').waitFor();
  // Removing the Flatten puts feature maps into a dense layer: named, with the way out.
  await layer(page, 5).getByRole('button', { name: 'Remove layer' }).click();
  await alert.filter({ hasText: 'layer 5: a Dense layer needs a flat list but gets feature maps 7×7×60: add a Flatten before it.' }).waitFor();
  // Chinese: the same problem in the learner's language.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('alert').filter({ hasText: '这个设计行不通：第 5 层：全连接层需要一串数，得到的却是特征图 7×7×60：在它前面加一个 Flatten。' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('layers are added, moved and removed; the design survives a reload and matches the command line', async () => {
  const { context, page, errors } = await openDesign({ width: 360, height: 740, hasTouch: true });
  await page.getByRole('button', { name: 'Tiny CNN' }).click();
  assert.equal(await total(page), 'Total params: 13,610');
  // After the Flatten a new layer is dense (64 units): 1352×64+64 + 64×10+10.
  await page.getByRole('button', { name: 'Add layer' }).click();
  assert.equal(await page.locator('fieldset.design-layer').count(), 4);
  await page.locator('#design-total').filter({ hasText: (8 * 10 + 1352 * 64 + 64 + 650).toLocaleString('en-US') }).waitFor();
  // Moving the dense layer above the Flatten is impossible; moving it back mends it.
  await layer(page, 4).getByRole('button', { name: 'Move up' }).click();
  await page.getByRole('alert').filter({ hasText: 'layer 3: a Dense layer needs a flat list' }).waitFor();
  await layer(page, 3).getByRole('button', { name: 'Move down' }).click();
  await page.locator('#design-total').waitFor();
  await layer(page, 2).getByLabel('Layer type').selectOption('avg_pool');
  await layer(page, 1).getByLabel('Padding').selectOption('same');
  const shown = await total(page);
  assert.equal(await overflowsHorizontally(page), false);
  await screenshot(page, 'design-360.png');
  // The design lives in the URL: a reload (or a shared link) shows the same network.
  await page.reload();
  await waitForApp(page);
  await page.locator('#design-total').waitFor();
  assert.equal(await total(page), shown);
  assert.equal(await layer(page, 2).getByLabel('Layer type').inputValue(), 'avg_pool');
  // Downloaded as JSON, it is the URL's design, and the command line counts the same parameters.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the design (JSON)' }).click()]);
  const file = path.join(shotDir, 'convlab-design.json');
  await download.saveAs(file);
  const json = fs.readFileSync(file, 'utf8');
  await page.waitForFunction((j) => JSON.stringify(JSON.parse(new URL(location.href).searchParams.get('design') ?? 'null')) === JSON.stringify(JSON.parse(j)), json);
  assert.deepEqual(JSON.parse(json), JSON.parse(new URL(page.url()).searchParams.get('design')));
  const out = execFileSync('cargo', ['run', '--locked', '--profile', 'test', '--quiet', '--bin', 'convlab-cli', '--', 'summary', '--spec', file], { cwd: root, encoding: 'utf8' });
  assert.ok(out.includes(shown), `${shown} in:\n${out}`);
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a design trains in the lab: the pad and maps use it, accuracy rises, and its weights carry the design', async () => {
  const { context, page, errors } = await openDesign();
  await page.getByRole('button', { name: 'Tiny CNN' }).click();
  await layer(page, 1).getByLabel('Filters').fill('6');
  await page.locator('#design-total').filter({ hasText: '10,210' }).waitFor();
  await page.getByRole('link', { name: 'Train this network in the lab' }).click();
  await page.locator('#weights-source').filter({ hasText: /random/ }).waitFor({ timeout: 30000 });
  assert.equal(await page.getByLabel('Model').inputValue(), 'design');
  assert.match(await page.getByLabel('Model').locator('option:checked').textContent(), /Your design \(10,210 parameters\)/);
  // The drawing pad and the feature maps work with the design's layers.
  await page.getByLabel('Test image number').fill('1');
  await page.getByRole('button', { name: 'Show test image' }).click();
  await page.waitForFunction(() => /\d \(/.test(document.querySelector('#prediction').textContent));
  const captions = await page.locator('#layer-outputs figcaption').allTextContents();
  assert.deepEqual(captions, ['conv2d · ReLU · 26×26×6', 'max_pooling2d · 13×13×6', 'dense · Softmax · 10']);
  // Train it: two short epochs, test accuracy far above chance and rising.
  await setTraining(page, { optimizer: 'adam', lr: '0.003', batch: '32', epochs: '2', images: '10000' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 180000 });
  const accs = (await page.locator('#epoch-table tbody tr td:nth-child(3)').allTextContents()).map(parseFloat);
  assert.equal(accs.length, 2);
  assert.ok(accs[0] > 80 && accs[1] >= accs[0] - 0.5, `test accuracy per epoch: ${accs}`);
  // Accuracy rose from the first training step (about chance) to the end of the run.
  const curve = (await page.locator('#curve-summary').textContent()).match(/accuracy ([\d.]+)% → ([\d.]+)%/);
  assert.ok(curve && Number(curve[2]) > Number(curve[1]) + 30, `training accuracy rose: ${curve}`);
  // The run joins the table of trained networks, with what it cost and what it reached.
  const compareRow = async () => (await page.locator('#compare-table tbody tr').first().locator('th, td').allTextContents());
  const row = await compareRow();
  assert.equal(row[0], 'Your design: Conv2D 6@3×3 relu → MaxPool 2 → Flatten → Dense 10 softmax');
  assert.deepEqual(row.slice(1, 3), ['10,210', '10,000 × 2']);
  assert.match(row[3], /^\d+ s$|min/);
  assert.equal(row[4], `${accs[1].toFixed(2)}%`);
  // Exported weights name their design; a reload brings the design and its run back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  assert.equal(download.suggestedFilename(), 'convlab-design.safetensors');
  const file = path.join(shotDir, 'convlab-design.safetensors');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  const header = JSON.parse(bytes.subarray(8, 8 + Number(bytes.readBigUInt64LE(0))).toString('utf8'));
  assert.deepEqual(JSON.parse(header.__metadata__['convlab.spec']).layers[0], { type: 'conv2d', filters: 6, kernel: 3, stride: 1, padding: 'valid', activation: 'relu' });
  const out = execFileSync('cargo', ['run', '--locked', '--profile', 'test', '--quiet', '--bin', 'convlab-cli', '--', 'eval', '--weights', file], { cwd: root, encoding: 'utf8' });
  assert.match(out, /^model: tiny$/m);
  const cli = Number(out.match(/^accuracy: ([\d.]+)$/m)[1]);
  assert.ok(Math.abs(cli - accs[1] / 100) < 2e-4, `the CLI measures what the page did: ${cli} vs ${accs[1]}%`);
  await page.goto(app.base + '/lab');
  await page.locator('#lab-status').filter({ hasText: 'Restored' }).waitFor({ timeout: 30000 });
  assert.equal(await page.getByLabel('Model').inputValue(), 'design');
  assert.equal(await page.locator('#epoch-table tbody tr').count(), 2);
  assert.deepEqual(await compareRow(), row, 'the comparison is kept in this browser');
  // The design page opens a design from the exported weights; a file without one is refused.
  await page.goto(app.base + '/design');
  await page.locator('#design-total').filter({ hasText: '1,492,070' }).waitFor();
  await page.setInputFiles('#open-design', path.join(root, 'assets', 'models', 'seed.safetensors'));
  await page.getByRole('alert').filter({ hasText: 'That file holds no network design' }).waitFor();
  assert.equal(await total(page), 'Total params: 1,492,070', 'the design shown is unchanged');
  await page.setInputFiles('#open-design', file);
  await page.locator('#design-total').filter({ hasText: '10,210' }).waitFor();
  assert.equal(await layer(page, 1).getByLabel('Filters').inputValue(), '6');
  assert.equal(await page.locator('#open-design-error').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the speed estimate times enough steps that even a network without convolutions never reads "0 ms"', async () => {
  for (const [locale, preset, took] of [
    ['en-US', 'No convolution', /took ([\d.]+) ms, about ([\d,]+) images\/s/],
    ['zh-CN', '没有卷积', /用了 ([\d.]+) 毫秒，约每秒 ([\d,]+) 张/],
  ]) {
    const { context, page, errors } = await openDesign({ locale });
    await page.getByRole('button', { name: preset }).click();
    await page.locator('#design-speed').filter({ hasText: took }).waitFor();
    const [, ms, sps] = (await page.locator('#design-speed').textContent()).match(took);
    assert.ok(Number(ms) > 0, `${ms} ms`);
    // The two numbers agree: 16 images in that many milliseconds (to the shown rounding).
    const implied = (16 * 1000) / Number(ms);
    const shown = Number(sps.replace(/,/g, ''));
    assert.ok(Math.abs(shown - implied) / implied < 0.35, `${shown} images/s beside ${ms} ms`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
