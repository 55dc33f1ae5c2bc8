// The app shell in real Chromium: loading, language switch and its persistence, navigation and URLs,
// phone-width layout, accessibility audit of every section, and a screenshot of the start page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, openPage, withPage, waitForApp, followSkipLink, axeSerious, overflowsHorizontally, screenshot, sections } from './harness.mjs';

const app = useApp();

test('the start page loads with no console error and lists every section', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/');
    await waitForApp(page);
    assert.equal(await page.locator('main h1').textContent(), 'ConvLab');
    for (const s of sections) {
      assert.equal(await page.locator('nav.site-nav').getByRole('link', { name: s.en, exact: true }).count(), 1, s.slug);
    }
    // The screenshot is a real PNG of the whole page at the viewport's width (IHDR: width, height).
    const png = fs.readFileSync(await screenshot(page, 'start.png'));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(png.readUInt32BE(16), 1280);
    assert.ok(png.readUInt32BE(20) >= 900, 'full page, at least the viewport tall');
    assert.deepEqual(errors, []);
  });
});

test('the first visit follows the browser language', async () => {
  const zh = await openPage(app.browser, { locale: 'zh-CN' });
  await zh.page.goto(app.base + '/');
  await waitForApp(zh.page);
  assert.equal(await zh.page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await zh.page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed'), 'true');
  await zh.context.close();
  const en = await openPage(app.browser, { locale: 'en-GB' });
  await en.page.goto(app.base + '/');
  await waitForApp(en.page);
  assert.equal(await en.page.locator('html').getAttribute('lang'), 'en');
  await en.context.close();
});

test('the skip link stays on the page: focus goes into the lesson, its address and settings stay', async () => {
  for (const [locale, name] of [['en-US', 'Skip to content'], ['zh-CN', '跳到正文']]) {
    await withPage(app.browser, { locale }, async ({ page, errors }) => {
      await page.goto(app.base + '/conv2d?h=6&w=6&k=3&s=2&p=1&d=1');
      await waitForApp(page);
      const step = await page.locator('#conv2d-step-value').textContent();
      await followSkipLink(page, name);
      assert.equal(await page.locator('#conv2d-step-value').textContent(), step);
      assert.equal(new URL(page.url()).searchParams.get('s'), '2');
      await page.goto(app.base + '/lab');
      await waitForApp(page);
      await page.locator('#drawing-pad, canvas').first().waitFor();
      await followSkipLink(page, name);
      assert.equal(new URL(page.url()).pathname, '/lab');
      // Tab goes on from inside the page's content, not from the header.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.closest('main') !== null), true);
      assert.deepEqual(errors, []);
    });
  }
});

test('the language switch changes the visible text and survives a reload', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/conv2d');
    await waitForApp(page);
    const h1 = page.locator('main h1');
    assert.equal(await h1.textContent(), '2D convolution');
    await page.getByRole('button', { name: '中文' }).click();
    assert.equal(await h1.textContent(), '二维卷积');
    assert.equal(await page.getByRole('link', { name: '池化', exact: true }).count(), 1);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.match(await page.title(), /二维卷积/);
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.locator('main h1').textContent(), '二维卷积');
    // And back, with the keyboard this time.
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('main h1').textContent(), '2D convolution');
    assert.deepEqual(errors, []);
  });
});

test('every navigation link reaches its section and the URL follows', async () => {
  await withPage(app.browser, {}, async ({ context, page, errors }) => {
    await page.goto(app.base + '/');
    await waitForApp(page);
    for (const s of sections) {
      await page.locator('nav.site-nav').getByRole('link', { name: s.en, exact: true }).click();
      // Lessons may add their settings as a query string; the path names the section.
      await page.waitForURL((u) => u.pathname === '/' + s.slug);
      assert.equal(await page.locator('main h1').textContent(), s.en);
      assert.equal(await page.locator('nav.site-nav a[aria-current="page"]').textContent(), s.en);
    }
    // Browser history works with client-side routes.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/' + sections.at(-2).slug);
    assert.equal(await page.locator('main h1').textContent(), sections.at(-2).en);
    // Every page writes its settings into the address as it opens: never in place of the page
    // before it (Back goes through each section followed).
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/' + sections.at(-3).slug);
    assert.equal(await page.locator('main h1').textContent(), sections.at(-3).en);
    // A direct visit to a deep link renders that section; an unknown path says so.
    await page.goto(app.base + '/pooling');
    await waitForApp(page);
    assert.equal(await page.locator('main h1').textContent(), 'Pooling');
    // The host answers it with 404.html and status 404, which Chromium logs; that one line is expected.
    const missing = await page.goto(app.base + '/no-such-page');
    assert.equal(missing.status(), 404);
    await waitForApp(page);
    assert.equal(await page.locator('main h1').textContent(), 'There is no page at this address.');
    assert.deepEqual(errors.filter((e) => !e.includes('status of 404 (Not Found)')), []);
    assert.equal(errors.length, 1);
  });
});

test('at 360 px nothing overflows horizontally, on any page', async () => {
  await withPage(app.browser, { width: 360, height: 740 }, async ({ context, page, errors }) => {
    for (const p of ['/', ...sections.map((s) => '/' + s.slug)]) {
      await page.goto(app.base + p);
      await waitForApp(page);
      for (const lang of ['English', '中文']) {
        await page.getByRole('button', { name: lang }).click();
        assert.equal(await overflowsHorizontally(page), false, `${p} in ${lang} overflows at 360 px`);
      }
    }
    await screenshot(page, 'start-360.png');
    assert.deepEqual(errors, []);
  });
});

test('no serious or critical accessibility violation on any page, in either language, light or dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await openPage(app.browser);
    await page.emulateMedia({ colorScheme });
    for (const p of ['/', ...sections.map((s) => '/' + s.slug)]) {
      for (const lang of ['English', '中文']) {
        await page.goto(app.base + p);
        await waitForApp(page);
        await page.getByRole('button', { name: lang }).click();
        const violations = await axeSerious(page);
        assert.deepEqual(violations, [], `${p} (${lang}, ${colorScheme})`);
      }
    }
    await context.close();
  }
});

test('the developers\' /bench page speaks Chinese, says "1 step" in the singular, and its wide tables scroll on a phone', async () => {
  await withPage(app.browser, { locale: 'zh-CN', width: 360, height: 780 }, async ({ page, errors }) => {
    await page.goto(app.base + '/bench?steps=1');
    await waitForApp(page);
    assert.equal(await page.locator('main h1').textContent(), '引擎基准测试');
    assert.match(await page.locator('main p').first().textContent(), /训练 1 步/);
    await page.getByRole('button', { name: '开始测试' }).click();
    // Each model's layer table: a row per layer, as wide as its longest line.
    await page.locator('#bench-layers').filter({ hasText: 'lenet5' }).waitFor({ timeout: 120000 });
    const table = page.locator('#bench-layers');
    assert.ok(await table.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table is wider than a phone');
    assert.equal(await overflowsHorizontally(page), false);
    assert.deepEqual(await axeSerious(page), []);
    await screenshot(page, 'bench-zh-360.png');
    assert.deepEqual(errors, []);
  });
  await withPage(app.browser, {}, async ({ page }) => {
    await page.goto(app.base + '/bench?steps=1');
    await waitForApp(page);
    assert.match(await page.locator('main p').first().textContent(), /^Times 1 training step \(/);
  });
});

test('a link with ?lang= opens in that language, over the browser\'s and an earlier choice', async () => {
  await withPage(app.browser, { locale: 'en-US' }, async ({ page, errors }) => {
    // An earlier visit chose English; the teacher's link says Chinese.
    await page.goto(app.base + '/');
    await waitForApp(page);
    await page.goto(app.base + '/pooling?lang=zh');
    await waitForApp(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('main h1').textContent(), '池化');
    // The choice is kept: the same page without the parameter stays Chinese.
    await page.goto(app.base + '/pooling');
    await waitForApp(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    // A language the app does not speak changes nothing.
    await page.goto(app.base + '/pooling?lang=fr');
    await waitForApp(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.goto(app.base + '/pooling?lang=en');
    await waitForApp(page);
    assert.equal(await page.locator('main h1').textContent(), 'Pooling');
    assert.deepEqual(errors, []);
  });
});

test('no page shows a learner a path into the repository, in either language', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    await withPage(app.browser, { locale }, async ({ page, errors }) => {
      for (const s of sections) {
        await page.goto(app.base + '/' + s.slug);
        await waitForApp(page);
        await page.locator('main h1').waitFor();
        // Every text of the page, collapsed notes included.
        const text = await page.locator('main').textContent();
        assert.doesNotMatch(text, /\b(docs|src|tests|scripts)\/|\w\.(md|rs)\b/, `${s.slug} (${locale})`);
      }
      assert.deepEqual(errors, []);
    });
  }
});
