// The Content-Security-Policy the build writes into every entry page (scripts/site-post-build.mjs):
// no 'unsafe-eval', no inline script except Trunk's start-up module (by hash). The whole app runs
// under it — every other browser test too, since a refused script or fetch is a console error
// there — and this file checks that the policy is really enforced, not only present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, withPage, waitForApp, sections, stroke } from './harness.mjs';

const app = useApp();

/** Record every CSP violation the page reports, from before the app starts. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

test('every page carries a policy without unsafe-eval and the app runs under it', async () => {
  await withPage(app.browser, {}, async ({ page, errors }) => {
    await recordViolations(page);
    for (const s of sections) {
      await page.goto(`${app.base}/${s.slug}`);
      await waitForApp(page);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      const script = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
      assert.ok(!policy.includes("'unsafe-eval'"), policy);
      assert.ok(!script.includes("'unsafe-inline'"), script);
      assert.match(script, /'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]{44}'$/, script);
    }
    // The lab: wasm compiled, weights fetched, a drawing predicted, the worker started by Train.
    await page.goto(`${app.base}/lab`);
    await waitForApp(page);
    await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor({ timeout: 30000 });
    await stroke(page, '#drawing-pad', [[0.5, 0.15], [0.5, 0.85]]);
    await page.waitForFunction(() => /\d \(/.test(document.querySelector('#prediction').textContent));
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  });
});

test('the policy is enforced: an injected inline script and eval are refused', async () => {
  await withPage(app.browser, {}, async ({ page, errors }) => {
    await recordViolations(page);
    await page.goto(`${app.base}/conv1d`);
    await waitForApp(page);
    // DevTools' own evaluation is exempt from the policy, so the eval is a string timer: it runs
    // later, as the page's own code.
    const outcome = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
      setTimeout('window.__evaluated = true', 0);
      await new Promise((r) => setTimeout(r, 200));
      return { injected: window.__injected === true, evaluated: window.__evaluated === true };
    });
    assert.deepEqual(outcome, { injected: false, evaluated: false });
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.ok(violations.some((v) => /^script-src\S* inline$/.test(v)), violations.join('; '));
    assert.ok(violations.some((v) => /^script-src\S* eval$/.test(v)), violations.join('; '));
    // The refusals are reported on the console; nothing else went wrong.
    assert.ok(errors.every((e) => /Content Security Policy/.test(e)), errors.join('\n'));
  });
});
