// Recipes and failed runs in the lab, as a learner meets them: each network gets its suggested
// recipe when chosen (unless the learner set their own), the article's is one click away, the hint
// fires for too few steps; a run that learns nothing is called what it is, the weights from before
// stay (in use and saved), the run's own are on offer, and one click trains again at a good rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openLab, waitForApp, stroke, setTraining, screenshot, axeSerious } from './harness.mjs';

const app = useApp();

/** The form's optimizer, learning rate, batch size, epochs and images (by id: in either language). */
const recipe = (page) => Promise.all(['optimizer', 'lr', 'batch', 'epochs', 'images']
  .map((f) => page.locator(`#train-${f}`).inputValue()));
const status = (page) => page.locator('#lab-status');
const SEVEN = [[[0.28, 0.22], [0.72, 0.22], [0.46, 0.82]]];
const drawSeven = async (page) => {
  await page.getByRole('button', { name: 'Clear' }).click();
  await stroke(page, '#drawing-pad', SEVEN[0]);
  await page.waitForFunction(() => /\d \(/.test(document.querySelector('#prediction').textContent));
  return (await page.getByRole('status', { name: 'Prediction' }).textContent()).trim()[0];
};

test('each network gets its suggested recipe unless the learner set their own; the article\'s is one click away', async () => {
  const { context, page, errors } = await openLab(app);
  // The article's own model starts with the article's recipe.
  assert.deepEqual(await recipe(page), ['rmsprop', '0.0001', '128', '10', '60000']);
  assert.match(await page.locator('#recipe-note').textContent(), /^Suggested for this network: RMSprop, learning rate 0\.0001, batch 128\.$/);
  await page.getByLabel('Model').selectOption('lenet5');
  await page.locator('#recipe-note').filter({ hasText: 'Adam, learning rate 0.001' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#train-lr').value === '0.001');
  // The learner's epochs and images stay theirs.
  assert.deepEqual(await recipe(page), ['adam', '0.001', '128', '10', '60000']);
  // The walkthrough's LeNet-5 on 10,000 images × 2 epochs: the article's recipe gets a hint.
  await page.getByRole('button', { name: 'The article\'s recipe' }).click();
  assert.deepEqual(await recipe(page), ['rmsprop', '0.0001', '128', '10', '60000']);
  await setTraining(page, { epochs: '2', images: '10000' });
  assert.match(await page.locator('#recipe-hint').textContent(), /^Only 158 training steps at a learning rate of 0\.0001/);
  await page.getByRole('button', { name: 'Suggested recipe' }).click();
  assert.deepEqual(await recipe(page), ['adam', '0.001', '128', '2', '10000']);
  assert.equal(await page.locator('#recipe-hint').textContent(), '');
  // A rate the learner typed is theirs: another model leaves it alone.
  await page.getByLabel('Learning rate').fill('0.005');
  await page.getByLabel('Model').selectOption('seed');
  await page.locator('#recipe-note').filter({ hasText: 'RMSprop' }).waitFor();
  await page.locator('#weights-source').filter({ hasNotText: /Loading/ }).waitFor();
  assert.deepEqual(await recipe(page), ['adam', '0.005', '128', '2', '10000']);
  // Both languages.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '原文的配方' }).click();
  assert.deepEqual(await recipe(page), ['rmsprop', '0.0001', '128', '10', '60000']);
  assert.match(await page.locator('#recipe-note').textContent(), /^这个网络建议用：RMSprop，学习率 0\.0001，批大小 128。$/);
  assert.equal(await page.getByRole('button', { name: '建议的配方' }).count(), 1);
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a run that learns nothing is told truthfully, keeps the weights from before, and trains again at a good rate', async () => {
  const { context, page, errors } = await openLab(app);
  assert.match(await page.locator('#weights-source').textContent(), /pretrained/);
  const failingRun = () => setTraining(page, { optimizer: 'sgd', lr: '10', epochs: '1', images: '1000' });
  await failingRun();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await status(page).filter({ hasText: 'did not learn' }).waitFor({ timeout: 120000 });
  const said = await status(page).textContent();
  assert.match(said, /^Training did not learn: test accuracy \d+\.\d\d%, about what guessing among 10 classes gives \(10%\)\. The learning rate 10 is likely too large for SGD: each step overshoots\. The weights from before the run are kept, in use and saved; “Use this run's weights” takes the new ones instead\.$/);
  assert.ok(!/finished/.test(said), said);
  // The pretrained weights are back in use: a clear 7 is read as 7.
  assert.match(await page.locator('#weights-source').textContent(), /pretrained/);
  assert.equal(await drawSeven(page), '7');
  assert.equal(await page.getByRole('button', { name: 'Use this run\'s weights' }).count(), 1);
  await screenshot(page, 'lab-not-learned.png');
  await page.getByRole('button', { name: '中文' }).click();
  assert.match(await status(page).textContent(), /^训练没有学会：测试准确率 \d+\.\d\d%，和在 10 个类别中随便猜差不多（10%）。对 SGD 来说，学习率 10 很可能太大：每一步都走过头。已保留训练前的权重/);
  assert.equal(await page.getByRole('button', { name: '重新训练：Adam，学习率 0.001' }).count(), 1);
  await page.getByRole('button', { name: 'English' }).click();

  // Reloaded, the lab still has the pretrained weights: the run's per-epoch save was undone.
  await page.reload();
  await waitForApp(page);
  await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor({ timeout: 30000 });
  assert.equal(await status(page).textContent(), '');

  // Again, then the one-click retry: Adam at 0.001, the form showing it, and a run that learns.
  await failingRun();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await status(page).filter({ hasText: 'did not learn' }).waitFor({ timeout: 120000 });
  await page.getByRole('button', { name: 'Train again: Adam, learning rate 0.001' }).click();
  await status(page).filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  assert.deepEqual((await recipe(page)).slice(0, 2), ['adam', '0.001']);
  assert.match(await page.locator('#weights-source').textContent(), /trained here/);
  assert.equal(await page.getByRole('button', { name: 'Use this run\'s weights' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a diverged run keeps the weights from before and can hand over its own on request', async () => {
  const { context, page, errors } = await openLab(app);
  await setTraining(page, { optimizer: 'sgd', lr: '100', images: '1000' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await status(page).filter({ hasText: 'learning rate is too large' }).waitFor({ timeout: 120000 });
  assert.match(await status(page).textContent(), /^Training stopped at epoch \d+, batch \d+: .* The weights from before the run are kept, in use and saved;/);
  assert.match(await page.locator('#weights-source').textContent(), /pretrained/);
  await page.getByRole('button', { name: 'Use this run\'s weights' }).click();
  await status(page).filter({ hasText: 'This run\'s weights are in use and saved in this browser.' }).waitFor();
  assert.match(await page.locator('#weights-source').textContent(), /trained here/);
  assert.equal(await page.getByRole('button', { name: 'Use this run\'s weights' }).count(), 0);
  // Saved: a reload restores them.
  await page.reload();
  await waitForApp(page);
  await status(page).filter({ hasText: 'Restored' }).waitFor({ timeout: 30000 });
  assert.deepEqual(errors, []);
  await context.close();
});
