// What the network gets wrong and why, as a learner uses it: evaluate the shipped weights on the
// test set (the confusion matrix must agree with `convlab-cli eval`), filter the misclassified
// gallery by a cell and put a mistake on the drawing pad, see which pixels decided a drawing's
// answer (gradient and occlusion), and watch the first layer's kernels move while training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { useApp, openLab, openPage, waitForApp, stroke, screenshot, axeSerious, overflowsHorizontally, root, setTraining } from './harness.mjs';

const app = useApp();


/** The confusion matrix as numbers: 10 rows of 10 counts. */
const matrix = (page) => page.locator('#confusion tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...r.querySelectorAll('td:not(.digit-acc)')].map((td) => Number(td.textContent))));

/** The command line's accuracy and confusion rows for the same weights (the engine natively). */
function cliEval() {
  // The test profile (optimised, as `cargo test` builds): no release LTO build just for this.
  const out = execFileSync('cargo', ['run', '--locked', '--profile', 'test', '--quiet', '--bin', 'convlab-cli', '--', 'eval',
    '--model', 'seed', '--weights', path.join(root, 'assets/models/seed.safetensors')], { cwd: root, encoding: 'utf8' });
  const accuracy = out.match(/^accuracy: ([\d.]+)$/m)[1];
  const rows = out.split('\n').filter((l) => /^\s+\d( +\d+){10}/.test(l)).map((l) => l.trim().split(/ +/).slice(1, 11).map(Number));
  return { accuracy, rows };
}

test('evaluating the shipped weights: a confusion matrix equal to the command line\'s, a gallery filtered by cell, a mistake on the pad', async () => {
  const { context, page, errors } = await openLab(app);
  assert.match(await page.locator('#report-summary').textContent(), /No evaluation yet/);
  await page.getByRole('button', { name: 'Evaluate on test set' }).click();
  // The data comes first (the lab's download), then the worker evaluates with a progress bar.
  await page.getByRole('progressbar', { name: 'Evaluate on test set' }).waitFor({ timeout: 60000 });
  await page.locator('#report-summary').filter({ hasText: /accuracy/ }).waitFor({ timeout: 120000 });
  const cli = cliEval();
  const rows = await matrix(page);
  assert.equal(rows.flat().reduce((a, b) => a + b, 0), 10000, 'every test image counted once');
  assert.deepEqual(rows, cli.rows, 'the page and the command line agree cell by cell');
  const diagonal = rows.reduce((s, r, i) => s + r[i], 0);
  assert.equal((diagonal / 10000).toFixed(4), cli.accuracy);
  const summary = await page.locator('#report-summary').textContent();
  assert.ok(summary.includes(`accuracy ${(diagonal / 100).toFixed(2)}% on 10,000 test images, ${10000 - diagonal} mistakes`), summary);
  // Each digit's accuracy is its row's diagonal share.
  const acc4 = await page.locator('#confusion tbody tr').nth(4).locator('td.digit-acc').textContent();
  assert.equal(acc4, `${(100 * rows[4][4] / rows[4].reduce((a, b) => a + b, 0)).toFixed(1)}%`);
  // The gallery holds every mistake (a well-trained model makes fewer than 12 of each kind).
  assert.equal(await page.locator('#misclassified li').count(), Math.min(48, 10000 - diagonal));
  assert.match(await page.locator('#mistakes-filter').textContent(), new RegExp(`^All ${10000 - diagonal} mistakes are kept\\.`));
  assert.match(await page.locator('#mistakes-percent').textContent(), /how sure the network was of its wrong answer/);

  // The biggest off-diagonal cell, picked by keyboard: the gallery shows exactly its images.
  let best = [0, 1];
  rows.forEach((r, t) => r.forEach((n, p) => { if (t !== p && n > rows[best[0]][best[1]]) best = [t, p]; }));
  const [t, p] = best;
  // The matrix is one Tab stop (a grid): that cell is it, and the arrow keys move from there.
  const cell = page.getByRole('gridcell', { name: `True ${t}, predicted ${p}: ${rows[t][p]} images. Show them below.` });
  assert.deepEqual(await page.locator('#confusion [tabindex="0"]').evaluateAll((c) => c.map((x) => x.id)), [`confusion-${t}-${p}`]);
  const focused = () => page.evaluate(() => document.activeElement.id);
  await cell.focus();
  const side = p < 9 ? 'ArrowRight' : 'ArrowLeft';
  await page.keyboard.press(side);
  assert.equal(await focused(), `confusion-${t}-${p < 9 ? p + 1 : p - 1}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press(side === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight');
  assert.equal(await focused(), `confusion-${t}-${p}`);
  await page.keyboard.press('Control+End');
  assert.equal(await focused(), 'confusion-9-9');
  // A cell without mistakes picks nothing; one press of Tab leaves the grid.
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#confusion [aria-selected="true"]').count(), 0);
  await page.keyboard.press('Shift+Tab');
  assert.ok(!(await page.evaluate(() => document.querySelector('#confusion').contains(document.activeElement))), 'Shift+Tab leaves the grid');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'confusion-9-9', 'Tab comes back to the cell last focused');
  await cell.focus();
  await page.keyboard.press('Enter');
  assert.equal(await cell.getAttribute('aria-selected'), 'true');
  await page.locator('#mistakes-filter').filter({ hasText: `True ${t}, predicted ${p}: all ${rows[t][p]} shown.` }).waitFor();
  const tiles = page.locator('#misclassified button');
  assert.equal(await tiles.count(), rows[t][p]);
  for (const label of await tiles.evaluateAll((b) => b.map((x) => x.getAttribute('aria-label')))) {
    assert.match(label, new RegExp(`^${t} → ${p} · [\\d.]+%: test image \\d+, true ${t}, predicted ${p}\\.`));
  }
  await screenshot(page, 'lab-confusion.png');
  assert.deepEqual(await axeSerious(page), []);

  // Choosing one puts it on the pad: the pad shows its true label and the network repeats its mistake.
  // The line under the pad names the test image; the box takes its number when it is a shipped one.
  const number = Number((await tiles.first().getAttribute('aria-label')).match(/test image (\d+)/)[1]);
  await tiles.first().click();
  await page.locator('#sample-truth').filter({ hasText: `True label: ${t}` }).waitFor();
  assert.equal(await page.locator('#sample-truth').textContent(), `Test image ${number.toLocaleString('en-US')} · True label: ${t}`);
  if (number <= 100) assert.equal(await page.locator('#sample-number').inputValue(), String(number));
  await page.waitForFunction((d) => document.querySelector('#prediction').textContent.startsWith(String(d)), p);
  await page.getByRole('button', { name: 'Show every kind' }).click();
  assert.equal(await tiles.count(), Math.min(48, 10000 - diagonal));
  assert.deepEqual(errors, []);
  await context.close();
});

test('what the network looked at: gradient and occlusion maps of a drawing, in Chinese at 360 px', async () => {
  const { context, page, errors } = await openLab(app, { locale: 'zh-CN', width: 360, height: 740, hasTouch: true });
  const saliency = () => page.locator('#saliency').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let orange = 0, blue = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > d[i + 2] + 20) orange++;
      if (d[i + 2] > d[i] + 20) blue++;
    }
    return { orange, blue, w: c.width };
  });
  assert.match(await page.locator('#saliency-note').textContent(), /写一个数字/);
  await page.getByRole('button', { name: '清除' }).click();
  await stroke(page, '#drawing-pad', [[0.28, 0.22], [0.72, 0.22], [0.46, 0.82]]);
  await page.waitForFunction(() => /^7/.test(document.querySelector('#prediction').textContent));
  await page.locator('#saliency-note').filter({ hasText: '“7”' }).waitFor();
  const grad = await saliency();
  assert.equal(grad.w, 28);
  assert.ok(grad.orange > 20 && grad.blue > 5, `a signed map with both colours: ${JSON.stringify(grad)}`);
  await page.getByLabel('方法').selectOption('occlusion');
  await page.locator('#saliency-note').filter({ hasText: '遮挡' }).or(page.locator('#saliency-note').filter({ hasText: '盖住' })).waitFor();
  await page.waitForFunction((g) => {
    const c = document.querySelector('#saliency');
    const d = c.getContext('2d').getImageData(0, 0, 28, 28).data;
    let orange = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > d[i + 2] + 20) orange++;
    return orange > 0 && orange !== g.orange;
  }, grad);
  assert.equal(await overflowsHorizontally(page), false);
  await screenshot(page, 'lab-saliency-zh-360.png');
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('training moves the kernels: before and now side by side, and each epoch refreshes the report', async () => {
  // Held to 20 steps a second: the second epoch takes at least 5 s, so the run is still going when
  // the first epoch's report is checked, on any machine.
  const { context, page, errors } = await openLab(app, {}, '?pace=20');
  await setTraining(page, { model: 'lenet5', optimizer: 'adam', lr: '0.001', batch: '10', epochs: '2', images: '1000' });
  assert.equal(await page.locator('#kernel-change').count(), 0, 'nothing to compare before a run');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('#kernel-change').waitFor({ timeout: 60000 });
  // The first epoch's evaluation brings a report of its own.
  await page.locator('#report-summary').filter({ hasText: 'after epoch 1' }).waitFor({ timeout: 120000 });
  assert.equal((await matrix(page)).flat().reduce((a, b) => a + b, 0), 10000);
  assert.equal(await page.getByRole('button', { name: 'Evaluate on test set' }).isDisabled(), true, 'not while training');
  await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  await page.locator('#report-summary').filter({ hasText: 'after epoch 2' }).waitFor();
  // A weak network makes more mistakes than are kept: the gallery says how many, and why.
  const rows = await matrix(page);
  const total = 10000 - rows.reduce((s, r, i) => s + r[i], 0);
  const m = (await page.locator('#mistakes-filter').textContent()).match(/^([\d,]+) of the ([\d,]+) mistakes are kept: the first 12 of each kind in test-set order/);
  assert.ok(m, await page.locator('#mistakes-filter').textContent());
  assert.equal(Number(m[2].replace(/,/g, '')), total);
  assert.ok(Number(m[1].replace(/,/g, '')) < total);
  // Its biggest kind, by keyboard (the grid's one Tab stop): 12 of them kept, and said so.
  await page.locator('#confusion [tabindex="0"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('#mistakes-filter').filter({ hasText: 'the first 12 in test-set order are kept and shown' }).waitFor();
  assert.equal(await page.locator('#misclassified li').count(), 12);
  // "Show all" for that kind, in Chinese and by keyboard: the test set is evaluated again keeping
  // every one of its mistakes, and the gallery pages through them all.
  const [, t, p, n] = (await page.locator('#mistakes-filter').textContent()).match(/^True (\d), predicted (\d): ([\d,]+) images/).map((x) => x.replace(/,/g, ''));
  assert.equal(Number(n), rows[t][p]);
  await page.getByRole('button', { name: '中文' }).click();
  const keep = page.getByRole('button', { name: `显示全部 ${Number(n).toLocaleString('en')} 张（重新评估测试集）`, exact: true });
  await keep.focus();
  await page.keyboard.press('Enter');
  await page.locator('#mistakes-filter').filter({ hasText: `真实 ${t}，预测 ${p}：${Number(n).toLocaleString('en')} 张全部显示。` }).waitFor({ timeout: 120000 });
  assert.match(await page.locator('#report-summary').textContent(), /当前权重/);
  assert.equal(await page.locator('#mistakes-keep-cell').count(), 0, 'nothing more to ask for');
  assert.ok(await page.evaluate(() => document.activeElement?.closest('#misclassified') !== null), 'the keyboard goes on at the first tile');
  const tiles = page.locator('#misclassified li');
  while (await tiles.count() < Number(n)) {
    const before = await tiles.count();
    await page.getByRole('button', { name: '显示更多' }).click();
    await page.waitForFunction((k) => document.querySelectorAll('#misclassified li').length > k, before);
  }
  assert.equal(await tiles.count(), Number(n));
  const labels = await tiles.locator('span').allTextContents();
  assert.ok(labels.every((l) => l.startsWith(`${t} → ${p} · `)), 'all of the one kind');
  // Every kind again: the others keep their first 12, and the sentence says which kind has all.
  await page.getByRole('button', { name: '显示所有种类' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('#mistakes-filter').filter({ hasText: `every one of true ${t}, predicted ${p}, as asked, and the first 12 of each other kind` }).waitFor();
  assert.deepEqual(await matrix(page), rows, 'the same weights, the same matrix');
  const note = await page.locator('#kernel-change-note').textContent();
  const pct = Number(note.match(/changed by (\d+)%/)[1]);
  assert.ok(pct > 0, note);
  const differ = await page.evaluate(() => {
    const px = (id) => { const c = document.getElementById(id); return [...c.getContext('2d').getImageData(0, 0, c.width, c.height).data]; };
    const [a, b] = [px('kernels-before'), px('kernels-now')];
    return a.length === b.length && a.some((v, i) => v !== b[i]);
  });
  assert.ok(differ, 'the pictures differ');
  await screenshot(page, 'lab-kernels-change.png');
  assert.deepEqual(errors, []);
  await context.close();
});
