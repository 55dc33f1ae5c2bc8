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

test('a lab link names the inspected layer and map; picking another changes the address', async () => {
  const { context, page, errors } = await openLab(app, {}, '?test=3&layer=3&map=5');
  // The third layer output of the source's model is the second convolution (60 maps).
  await page.locator('#map-caption').filter({ hasText: /map 5 of 60/ }).waitFor();
  assert.equal(await page.locator('#inspect-layer').inputValue(), '2');
  assert.equal(await page.locator('#inspect-map').inputValue(), '5');
  await page.locator('#inspect-map').fill('7');
  await page.locator('#inspect-map').press('Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('map') === '7');
  assert.equal(params(page).layer, '3');
  const shared = page.url();
  await context.close();
  const again = await openPage(app.browser, { locale: 'zh-CN' });
  await again.page.goto(shared);
  await waitForApp(again.page);
  await again.page.locator('#map-caption').filter({ hasText: /7/ }).waitFor();
  assert.equal(await again.page.locator('#inspect-map').inputValue(), '7');
  assert.equal(await again.page.locator('#inspect-layer').inputValue(), '2');
  assert.deepEqual([...errors], []);
  await again.context.close();
});

test('lesson links keep the step-throughs\' positions and the pooling lesson\'s edited cells', async () => {
  const { context, page, errors } = await openPage(app.browser);
  // 1D: step 4 of the link, then Next moves the address on.
  await page.goto(app.base + '/conv1d?f=1,2,3&g=1,1&step=4');
  await waitForApp(page);
  assert.equal(await page.locator('#conv1d-step-value').textContent(), '4 / 4');
  await page.goto(app.base + '/conv1d?f=1,2,3&g=1,1,1&step=2');
  await waitForApp(page);
  assert.equal(await page.locator('#conv1d-step-value').textContent(), '2 / 5');
  await page.locator('#conv1d-step').press('ArrowRight');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('step') === '3');
  // A step past the end stops at the last.
  await page.goto(app.base + '/conv1d?f=1,2,3&g=1,1,1&step=99');
  await waitForApp(page);
  assert.equal(await page.locator('#conv1d-step-value').textContent(), '5 / 5');
  // 2D: the same for the sliding window.
  await page.goto(app.base + '/conv2d?h=6&w=6&k=3&s=1&p=0&d=1&step=7');
  await waitForApp(page);
  assert.equal(await page.locator('#conv2d-step-value').textContent(), '7 / 16');
  // Pooling: a typed cell goes into the address, and the address brings it back.
  await page.goto(app.base + '/pooling');
  await waitForApp(page);
  assert.equal(new URL(page.url()).searchParams.has('cells'), false, 'the example needs no cells');
  await page.locator('#pool-in-0-0').fill('10');
  await page.locator('#pool-in-0-0').press('Tab');
  await page.waitForFunction(() => (new URL(location.href).searchParams.get('cells') ?? '').startsWith('10,'));
  const shared = page.url();
  await context.close();
  const again = await openPage(app.browser, { locale: 'zh-CN' });
  await again.page.goto(shared);
  await waitForApp(again.page);
  assert.equal(await again.page.locator('#pool-in-0-0').inputValue(), '10');
  // A link with the wrong number of cells is not taken: the example stays.
  await again.page.goto(app.base + '/pooling?cells=1,2,3');
  await waitForApp(again.page);
  assert.notEqual(await again.page.locator('#pool-in-0-0').inputValue(), '1');
  assert.deepEqual(errors, []);
  await again.context.close();
});

test('every page\'s address names its language: a Chinese lesson link opens in Chinese for an English browser', async () => {
  const { context, page, errors } = await openPage(app.browser, { locale: 'zh-CN' });
  await page.goto(app.base + '/conv2d?h=9&w=9&k=3&s=2&p=1&d=1&step=5');
  await waitForApp(page);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('lang') === 'zh-CN');
  // The lesson's own settings are all still there beside it.
  assert.deepEqual(params(page), { h: '9', w: '9', k: '3', s: '2', p: '1', d: '1', step: '5', lang: 'zh-CN', kernel: 'edge-x' });
  const shared = page.url();
  // Another page, by the menu: its address names the language too.
  await page.getByRole('link', { name: '池化', exact: true }).click();
  await page.waitForFunction(() => location.pathname.endsWith('/pooling') && new URL(location.href).searchParams.get('lang') === 'zh-CN');
  await context.close();
  const learner = await openPage(app.browser, { locale: 'en-US' });
  await learner.page.goto(shared);
  await waitForApp(learner.page);
  assert.equal(await learner.page.locator('h1').textContent(), '二维卷积');
  assert.equal(await learner.page.locator('#conv2d-step-value').textContent(), '5 / 25');
  assert.deepEqual([...errors, ...learner.errors], []);
  await learner.context.close();
});
