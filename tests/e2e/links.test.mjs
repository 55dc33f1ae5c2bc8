// Links that carry the lab: a teacher sets the model, the recipe and a test image, and the address
// a learner opens (in a fresh browser, another language's) shows the same lab; bad values in a link
// are named and the lab keeps its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openLab, openPage, waitForApp, stroke } from './harness.mjs';

const app = useApp();

const form = (page) => Promise.all(['model', 'optimizer', 'lr', 'batch', 'epochs', 'images']
  .map((f) => page.locator(`#train-${f}`).inputValue()));
const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);

test('a teacher\'s lab link opens the same lab in a fresh browser, in the link\'s language', async () => {
  const { context, page, errors } = await openLab(app, { locale: 'en-US' },
    '?model=lenet5&opt=sgd&lr=0.05&batch=64&epochs=3&images=10000&test=7&lang=zh');
  assert.equal(await page.locator('h1').textContent(), 'MNIST 实验室');
  await page.waitForFunction(() => document.querySelector('#train-lr').value === '0.05');
  assert.deepEqual(await form(page), ['lenet5', 'sgd', '0.05', '64', '3', '10000']);
  await page.locator('#sample-truth').filter({ hasText: '测试集图片 7 · 真实标签：' }).waitFor();
  assert.equal(await page.locator('#sample-number').inputValue(), '7');
  // The teacher changes the rate and the language: the address follows.
  await page.getByLabel('学习率').fill('0.02');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('lang') === 'en');
  const shared = page.url();
  assert.deepEqual(params(page), { model: 'lenet5', opt: 'sgd', lr: '0.02', batch: '64', epochs: '3', images: '10000', test: '7', lang: 'en' });
  // Drawing replaces the test image: the address no longer names one.
  await page.getByRole('button', { name: 'Clear' }).click();
  await stroke(page, '#drawing-pad', [[0.5, 0.15], [0.5, 0.85]]);
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('test'));
  assert.deepEqual(errors, []);
  await context.close();

  // A learner whose browser speaks Chinese opens the shared link: English, the same settings.
  const learner = await openPage(app.browser, { locale: 'zh-CN' });
  await learner.page.goto(shared);
  await waitForApp(learner.page);
  assert.equal(await learner.page.locator('h1').textContent(), 'MNIST lab');
  await learner.page.waitForFunction(() => document.querySelector('#train-lr').value === '0.02');
  assert.deepEqual(await form(learner.page), ['lenet5', 'sgd', '0.02', '64', '3', '10000']);
  await learner.page.locator('#sample-truth').filter({ hasText: 'Test image 7 · True label:' }).waitFor();
  assert.deepEqual(learner.errors, []);
  await learner.context.close();
});

test('a link\'s unusable values are named, in both languages, and the lab keeps its own', async () => {
  for (const [lang, said] of [['en', /^This link's lr, images, test could not be used, so the lab keeps its own\. A link may say model/],
    ['zh', /^这个链接里的 lr、images、test 无法使用，实验室保留自己的设置。/]]) {
    const { context, page, errors } = await openLab(app, {}, `?lr=fast&images=500&test=0&batch=32&lang=${lang}`);
    await page.locator('#lab-status').filter({ hasText: /lr/ }).waitFor();
    assert.match(await page.locator('#lab-status').textContent(), said);
    // The usable one is taken; the others stay the lab's.
    await page.waitForFunction(() => document.querySelector('#train-batch').value === '32');
    assert.deepEqual(await form(page), ['seed', 'rmsprop', '0.0001', '32', '10', '60000']);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
