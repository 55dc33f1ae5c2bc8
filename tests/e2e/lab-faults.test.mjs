// The lab when things go wrong, told truthfully: a download cut off (and tried again, with the bar
// moving byte by byte on a slow line), a worker that crashes mid-run (replaced at once, the run
// continued), a browser store that is full, and pretrained weights that are missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openLab, openPage, waitForApp, setTraining, waitUntil } from './harness.mjs';

const app = useApp();


const status = (page) => page.locator('#lab-status');

test('a download cut off is said in both languages and tried again; the bar moves as bytes arrive; the copy is kept', async () => {
  const { context, page, errors } = await openLab(app);
  const mnist = /\/mnist\/.*\.gz$/;
  await page.route(mnist, (route) => route.abort('internetdisconnected'));
  await setTraining(page, { model: 'lenet5', images: '1000', batch: '10', epochs: '1' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await status(page).filter({ hasText: 'Could not download MNIST' }).waitFor({ timeout: 30000 });
  assert.match(await status(page).textContent(),
    /^Could not download MNIST: train-images-idx3-ubyte\.gz did not arrive: the network or the site could not be reached \(are you offline\?\)\. Nothing was trained/);
  assert.equal(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), true);
  // The same failure in Chinese: no English left in it.
  await page.getByRole('button', { name: '中文' }).click();
  assert.match(await status(page).textContent(), /^无法下载 MNIST：train-images-idx3-ubyte\.gz 没有下载到：连不上网络或网站/);
  assert.equal(await page.getByRole('button', { name: '重新下载' }).count(), 1);
  await page.getByRole('button', { name: 'English' }).click();

  // Back online, on a slow line (3 MB/s): the bar shows part of the data while the rest comes.
  await page.unroute(mnist);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 3e6, uploadThroughput: -1 });
  await page.getByRole('button', { name: 'Try the download again' }).click();
  const partial = await page.waitForFunction(() => {
    const bar = document.querySelector('#data-progress');
    const v = bar && bar.hasAttribute('value') ? Number(bar.value) : 0;
    return v > 0.05 && v < 0.95 ? v : false;
  }, null, { timeout: 30000, polling: 50 });
  console.log(`# data bar seen at ${(await partial.jsonValue()).toFixed(2)} while downloading`);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await status(page).filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  assert.equal(await page.getByRole('button', { name: 'Try the download again' }).count(), 0);

  // A reload trains from the kept copy: no MNIST request goes out.
  const fetched = [];
  page.on('request', (r) => { if (mnist.test(r.url())) fetched.push(r.url()); });
  await page.reload();
  await waitForApp(page);
  await page.locator('#weights-source').filter({ hasText: 'trained here' }).waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await status(page).filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  assert.deepEqual(fetched.filter((u) => !u.startsWith('blob:')), [], 'MNIST came from the cache');
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
  await context.close();
});

test('a worker that crashes mid-run is replaced at once and the run continues to its last epoch', async () => {
  // Held to 20 steps a second, 3 epochs of 100 steps: at least 10 s left after the first epoch,
  // when the test makes a worker crash, on any machine.
  const { context, page, errors } = await openLab(app, {}, '?pace=20');
  await setTraining(page, { model: 'lenet5', images: '1000', batch: '10', epochs: '3' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('#epoch-table tbody tr').first().waitFor({ timeout: 120000 });
  const old = page.workers();
  const closed = Promise.all(old.map((w) => new Promise((r) => w.once('close', r))));
  // Member 0 throws outside any handler, as a real fault would: the page hears an error event.
  await page.workers()[0].evaluate(() => setTimeout(() => { throw new Error('worker fault for the test'); }, 0));
  await status(page).filter({ hasText: 'The training worker crashed' }).waitFor({ timeout: 30000 });
  assert.match(await status(page).textContent(), /worker fault for the test.*A new one is taking over; the weights reached so far are in use and saved/);
  // The replacement team is there before anyone asks (the old one is gone).
  await closed;
  await waitUntil(() => page.workers().length >= old.length, 30000);
  assert.equal(page.workers().length, old.length, 'a new team replaced the old one');
  assert.ok(page.workers().every((w) => !old.includes(w)));
  assert.match(await page.locator('#weights-source').textContent(), /trained here/);
  await page.getByRole('button', { name: 'Continue the run' }).click();
  await status(page).filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
  assert.deepEqual(await page.locator('#epoch-table tbody tr td:first-child').allTextContents(), ['1', '2', '3']);
  assert.equal(await page.getByRole('button', { name: 'Continue the run' }).count(), 0);
  assert.deepEqual(errors.filter((e) => !e.includes('worker fault for the test')), []);
  await context.close();
});

test('a full browser store is reported when the save fails, not hidden behind success', async () => {
  const { context, page, errors } = await openLab(app);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: app.base, quotaSize: 2000 });
  await setTraining(page, { model: 'lenet5', images: '1000', batch: '10', epochs: '1' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The run's news stays in front of the failure, without its claim that the weights are saved.
  await status(page).filter({ hasText: /^Training finished: test accuracy [\d.]+%\. Could not save in this browser/ }).waitFor({ timeout: 120000 });
  assert.match(await status(page).textContent(), /\(its storage for this site is full\); use Export to keep the weights/);
  assert.doesNotMatch(await status(page).textContent(), /are saved/);
  await page.getByRole('button', { name: '中文' }).click();
  assert.match(await status(page).textContent(), /^训练完成：测试准确率 [\d.]+%。无法保存在本浏览器中（它给本网站的存储空间已满）/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('missing pretrained weights are said as such, and the network starts untrained', async () => {
  const o = await openPage(app.browser, { locale: 'zh-CN' });
  await o.page.route(/\/models\/seed\.safetensors$/, (route) => route.fulfill({ status: 404, body: 'no' }));
  await o.page.goto(app.base + '/lab');
  await waitForApp(o.page);
  await status(o.page).filter({ hasText: '预训练权重' }).waitFor({ timeout: 30000 });
  assert.match(await status(o.page).textContent(), /^无法加载预训练权重（本网站上没有 seed\.safetensors（404））/);
  assert.match(await o.page.locator('#weights-source').textContent(), /随机/);
  assert.doesNotMatch(await status(o.page).textContent(), /无法开始训练/);
  assert.deepEqual(o.errors.filter((e) => !/404/.test(e)), []);
  await o.context.close();
});
