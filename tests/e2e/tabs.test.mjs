// Two tabs of the lab in one browser (two pages of one context): a run belongs to the tab that
// started it, the other tab says so beside Train and does not write that model's saved slot, and
// when the run ends the other tab shows what it saved and the table of trained networks without
// a reload. Then what this site keeps, and deleting it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp, setTraining, applySuiteSettings } from './harness.mjs';

const app = useApp();

async function labIn(context, query = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(app.base + '/lab' + query);
  await waitForApp(page);
  await page.locator('#weights-source').filter({ hasNotText: /Loading|加载/ }).waitFor({ timeout: 30000 });
  return { page, errors };
}

test('a second tab is told another tab trains LeNet-5, waits, and shows its result without a reload', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await applySuiteSettings(context);
  try {
    // Held to 20 steps a second, the 200 steps last at least 10 s: tab B opens while A trains.
    const a = await labIn(context, '?pace=20');
    await setTraining(a.page, { model: 'lenet5', optimizer: 'adam', lr: '0.001', batch: '10', epochs: '2', images: '1000' });
    await a.page.getByRole('button', { name: 'Train', exact: true }).click();
    await a.page.locator('#train-text').filter({ hasText: /images\/s/ }).waitFor({ timeout: 60000 });

    const b = await labIn(context);
    await b.page.getByLabel('Model').selectOption('lenet5');
    const other = b.page.locator('#other-tabs');
    await other.filter({ hasText: /^Another tab is training LeNet-5 — its progress: \d+%\./ }).waitFor({ timeout: 30000 });
    assert.match(await other.textContent(), /This tab can train it once that run ends/);
    assert.equal(await b.page.getByRole('button', { name: 'Train', exact: true }).isDisabled(), true, 'B does not train into the same slot');
    assert.equal(await b.page.getByRole('button', { name: 'Reset weights' }).isDisabled(), true);
    // The progress moves on in B as A trains.
    const pct = async () => Number((await other.textContent()).match(/(\d+)%/)[1]);
    const first = await pct();
    await b.page.waitForFunction((p) => Number(document.querySelector('#other-tabs').textContent.match(/(\d+)%/)?.[1] ?? -1) > p, first, { timeout: 30000 });
    // Another model is B's to train meanwhile: no message ties it.
    await b.page.getByLabel('Model').selectOption('seed');
    assert.equal(await b.page.getByRole('button', { name: 'Train', exact: true }).isDisabled(), false);
    assert.doesNotMatch(await other.textContent(), /This tab can train it/);
    await b.page.getByRole('button', { name: '中文' }).click();
    assert.match(await other.textContent(), /^另一个标签页正在训练 LeNet-5，进度 \d+%。$/);
    await b.page.getByRole('button', { name: 'English' }).click();
    await b.page.getByLabel('Model').selectOption('lenet5');

    // A finishes; B hears it: the message goes, B shows the run A saved and its row in the table.
    await a.page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
    const row = await a.page.locator('#compare-table tbody tr').last().locator('th, td').allTextContents();
    await b.page.waitForFunction(() => document.querySelector('#other-tabs').textContent === '', null, { timeout: 30000 });
    await b.page.locator('#weights-source').filter({ hasText: 'trained here' }).waitFor({ timeout: 30000 });
    assert.equal(await b.page.locator('#epoch-table tbody tr').count(), 2, "B shows A's epochs");
    await b.page.locator('#compare-table tbody tr').first().waitFor({ timeout: 30000 });
    assert.deepEqual(await b.page.locator('#compare-table tbody tr').last().locator('th, td').allTextContents(), row);
    assert.equal(await b.page.getByRole('button', { name: 'Train', exact: true }).isDisabled(), false, 'B may train now');

    // B trains now (without a brake: nothing here needs it running); A's table gets B's row too,
    // both rows kept in either tab.
    await setTraining(b.page, { optimizer: 'adam', lr: '0.001', batch: '50', epochs: '1', images: '1000' });
    await b.page.getByRole('button', { name: 'Train', exact: true }).click();
    await b.page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
    await a.page.waitForFunction(() => document.querySelectorAll('#compare-table tbody tr').length === 2, null, { timeout: 30000 });
    await b.page.waitForFunction(() => document.querySelectorAll('#compare-table tbody tr').length === 2, null, { timeout: 30000 });
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await context.close();
  }
});

test('the lab says how much this site keeps, and Delete saved data asks first and deletes it all', async () => {
  const { context, page, errors } = await openPage(app.browser);
  try {
    await page.goto(app.base + '/lab');
    await waitForApp(page);
    await page.locator('#weights-source').filter({ hasNotText: /Loading/ }).waitFor({ timeout: 30000 });
    await setTraining(page, { model: 'lenet5', batch: '50', epochs: '1', images: '1000', optimizer: 'adam', lr: '0.001' });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('#lab-status').filter({ hasText: 'Training finished' }).waitFor({ timeout: 120000 });
    const summary = page.locator('#storage-summary');
    await summary.filter({ hasText: /^This site keeps [\d.]+ (KB|MB|GB) in this browser; [\d.]+ (KB|MB|GB) more is free\. / }).waitFor();
    const used = await summary.textContent();
    // Asked, not done: Cancel keeps everything.
    await page.getByRole('button', { name: 'Delete saved data' }).click();
    assert.match(await page.locator('#delete-question').textContent(), /This cannot be undone/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.match(await page.locator('#weights-source').textContent(), /trained here/);
    await page.getByRole('button', { name: 'Delete saved data' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('#storage-outcome').filter({ hasText: 'Deleted. The lab uses the pretrained weights again.' }).waitFor();
    await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor();
    assert.equal(await page.locator('#compare-table tbody tr').count(), 0);
    await page.waitForFunction((u) => document.querySelector('#storage-summary').textContent !== u, used);
    // A reload finds nothing of the run.
    await page.reload();
    await waitForApp(page);
    await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor({ timeout: 30000 });
    assert.equal(await page.locator('#epoch-table tbody tr').count(), 0);
    await page.getByRole('button', { name: '中文' }).click();
    assert.equal(await page.getByRole('button', { name: '删除保存的数据' }).count(), 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
