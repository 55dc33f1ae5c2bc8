// Bad input in every number box of every lesson and the lab, in English and Chinese: letters, empty,
// huge, negative, and digits typed on a Chinese keyboard. Each box must mark itself invalid as it is
// typed, say in one sentence beside it what is wrong, which value is still used and what is
// allowed — in the learner's language — and take a good number again afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, withPage, waitForApp } from './harness.mjs';

const app = useApp();

// Every number box: where it lives, its id, where its message appears (under the field, or under
// its grid), its range, and a good value typed with full-width digits and what it reads as.
const boxes = [
  { page: 'encoding', id: 'digit-number', min: '1', max: '100', good: '７', whole: true },
  { page: 'conv2d', id: 'filter-kernel-1-1', grid: true, min: '-1000', max: '1000', good: '－２．５' },
  { page: 'channels', id: 'kernel-g-0-2', grid: true, min: '-1000', max: '1000', good: '３' },
  { page: 'channels', id: 'bias', min: '-1000', max: '1000', good: '１，０００' },
  { page: 'pooling', id: 'pool-in-2-3', grid: true, min: '-1,000,000', max: '1,000,000', good: '３．１４１５９' },
  { page: 'design', id: 'l2-filters', min: '1', max: '512', good: '１６', whole: true },
  // Enter shows the test image, so the inspector below has maps to choose from.
  { page: 'lab', id: 'sample-number', min: '1', max: '100', good: '４２', whole: true, enter: true },
  { page: 'lab', id: 'inspect-map', min: '1', max: '30', good: '３０', whole: true },
  { page: 'lab', id: 'train-lr', min: '0.0000001', max: '100', good: '０．００１' },
  { page: 'lab', id: 'train-batch', min: '1', max: '1024', good: '６４', whole: true },
  { page: 'lab', id: 'train-epochs', min: '1', max: '100', good: '３', whole: true },
  { page: 'lab', id: 'train-seed', min: '0', max: '1,000,000,000', good: '７', whole: true },
];

/** The message a box shows: its own line, or the line under its grid. */
async function messageOf(page, box) {
  if (!box.grid) return (await page.locator(`#${box.id}-error`).textContent()).trim();
  return page.locator(`#${box.id}`).evaluate((el) => {
    const holder = el.closest('table').nextElementSibling;
    return holder && holder.classList.contains('grid-error') ? holder.textContent.trim() : '(no grid message)';
  });
}

async function type(page, box, text) {
  await page.locator(`#${box.id}`).fill(text);
}

const invalid = async (page, box) => (await page.locator(`#${box.id}`).getAttribute('aria-invalid')) === 'true';

test('every number box refuses letters, nothing, huge and negative numbers beside itself, in both languages', async () => {
  await withPage(app.browser, {}, async ({ page, errors }) => {
    let current = '';
    for (const box of boxes) {
      if (box.page !== current) {
        await page.goto(`${app.base}/${box.page}`);
        await waitForApp(page);
        if (box.page === 'lab') {
          await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor({ timeout: 30000 });
        }
        current = box.page;
      }
      const field = page.locator(`#${box.id}`);
      await field.waitFor();
      const before = await field.inputValue();
      const label = `${box.page}#${box.id}`;

      await type(page, box, 'abc');
      assert.equal(await invalid(page, box), true, `${label}: letters marked at once`);
      let msg = await messageOf(page, box);
      assert.match(msg, /“abc” is not a number; still using /, `${label}: ${msg}`);
      assert.ok(msg.includes(`from ${box.min} to ${box.max}`), `${label} names its range: ${msg}`);
      assert.ok(msg.includes(`still using ${before.replace(/^-/, '-')}`), `${label} names the value in use (${before}): ${msg}`);
      assert.equal(await field.inputValue(), 'abc', `${label}: the text stays as typed`);

      await type(page, box, '');
      assert.match(await messageOf(page, box), /is empty; still using /, label);

      await type(page, box, '1e308');
      msg = await messageOf(page, box);
      assert.match(msg, /1e308 is outside .* to .*; still using /, `${label}: ${msg}`);

      await type(page, box, box.whole ? '-5' : '-99,999,999,999');
      msg = await messageOf(page, box);
      assert.match(msg, /is outside .* to .*; still using /, `${label}: ${msg}`);

      if (box.whole) {
        await type(page, box, '2.5');
        assert.match(await messageOf(page, box), /2\.5 is not a whole number/, label);
      }

      // The same message in Chinese, with no English left in it.
      await page.getByRole('button', { name: '中文' }).click();
      msg = await messageOf(page, box);
      assert.match(msg, /仍在使用/, `${label}: ${msg}`);
      assert.doesNotMatch(msg, /still|outside|number/, `${label}: ${msg}`);
      await page.getByRole('button', { name: 'English' }).click();

      // Full-width digits (a Chinese keyboard) are a good number: the mark and the message go.
      await type(page, box, box.good);
      assert.equal(await invalid(page, box), false, `${label}: ${box.good} accepted`);
      assert.equal(await messageOf(page, box).then((m) => m === '' || m === '(no grid message)'), true, `${label}: message gone`);
      if (box.enter) {
        await field.press('Enter');
        await page.locator('#sample-truth').filter({ hasText: /True label: \d/ }).waitFor();
      }
    }
    assert.deepEqual(errors, []);
  });
});

test('the numbers typed are the numbers used: pooling keeps 3.14159, the test-image box answers Enter, maps stop at the layer\'s count', async () => {
  await withPage(app.browser, {}, async ({ page, errors }) => {
    await page.goto(`${app.base}/pooling`);
    await waitForApp(page);
    await page.locator('#pool-in-0-0').fill('3.14159');
    await page.locator('#pool-in-0-0').blur();
    assert.equal(await page.locator('#pool-in-0-0').inputValue(), '3.14159', 'not rewritten');
    // The 1e308 a learner typed is refused, and the old value stays in use.
    await page.locator('#pool-in-0-1').fill('1e308');
    assert.equal(await page.locator('#pool-in-0-1').getAttribute('aria-invalid'), 'true');

    await page.goto(`${app.base}/lab`);
    await waitForApp(page);
    await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor({ timeout: 30000 });
    await page.locator('#sample-number').fill('１２');
    await page.locator('#sample-number').press('Enter');
    await page.locator('#sample-truth').filter({ hasText: /True label: \d/ }).waitFor();
    // The seed model's first layer has 30 maps: 31 is refused, 30 is shown.
    await page.locator('#inspect-map').fill('31');
    assert.match(await page.locator('#inspect-map-error').textContent(), /31 is outside 1 to 30/);
    await page.locator('#inspect-map').fill('30');
    assert.match(await page.locator('#map-caption').textContent(), /map 30 of 30/);
    assert.deepEqual(errors, []);
  });
});
