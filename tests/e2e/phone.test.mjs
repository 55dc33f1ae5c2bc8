// A phone (360 × 740, touch), in both languages: the section menu is one line, and in the lab the
// network's input and its answer stay beside the pad, in view while the learner draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openLab, stroke, overflowsHorizontally, screenshot, axeSerious, sections } from './harness.mjs';

const app = useApp();

for (const [locale, clear, pattern] of [['en-US', 'Clear', /^\d \(/], ['zh-CN', '清除', /^\d（/]]) {
  test(`${locale} at 360 px: a one-line section menu, the answer beside the pad`, async () => {
    const { context, page, errors } = await openLab(app, { locale, width: 360, height: 740, hasTouch: true });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      // The menu: one row of links that scrolls sideways, every section still in it.
      const nav = await page.locator('.site-nav').boundingBox();
      const link = await page.locator('.site-nav a').first().boundingBox();
      assert.ok(nav.height < link.height * 2, `one line: menu ${nav.height} px, a link ${link.height} px`);
      const sideways = await page.locator('.site-nav ol').evaluate((ol) => ol.scrollWidth > ol.clientWidth);
      assert.ok(sideways, 'the links scroll sideways');
      assert.equal(await page.locator('.site-nav a').count(), sections.length, 'every section but the start page');
      // The lab's link (the last) is scrolled into the line.
      const current = await page.locator('.site-nav a[aria-current="page"]').boundingBox();
      assert.ok(current.x >= 0 && current.x + current.width <= 360, `the current section's link in view: ${JSON.stringify(current)}`);
      // Drawing, with the pad at the top of the screen: the answer is in view, right of the pad.
      await page.locator('#drawing-pad').evaluate((c) => c.scrollIntoView({ block: 'start' }));
      await page.getByRole('button', { name: clear }).click();
      await stroke(page, '#drawing-pad', [[0.5, 0.15], [0.5, 0.85]]);
      await page.waitForFunction((p) => new RegExp(p).test(document.querySelector('#prediction').textContent), pattern.source);
      const pad = await page.locator('#drawing-pad').boundingBox();
      for (const id of ['#prediction', '#network-input']) {
        const box = await page.locator(id).boundingBox();
        assert.ok(box.x >= pad.x + pad.width, `${id} beside the pad: ${JSON.stringify(box)} vs ${JSON.stringify(pad)}`);
        assert.ok(box.y >= 0 && box.y + box.height <= 740, `${id} on screen: ${JSON.stringify(box)}`);
        assert.ok(box.y < pad.y + pad.height, `${id} level with the pad`);
      }
      assert.equal(await overflowsHorizontally(page), false);
      await screenshot(page, `lab-phone-${locale}-${scheme}.png`);
    }
    assert.deepEqual(await axeSerious(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
