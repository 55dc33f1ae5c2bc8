// "Not a digit" honesty in the lab: drawings from tests/fixtures/drawings (the native test
// tests/nearest_digits.rs reads the same strokes) drawn on the pad as a learner does. Letters and
// characters get the note that the network must answer with a digit and that this drawing is far
// from MNIST's digits as the network sees them; the ten digits, drawn plainly and turned, get none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, openLab, stroke, root, screenshot } from './harness.mjs';

const app = useApp();
const fixtures = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/drawings/drawings.json'), 'utf8'));
const drawing = (name) => [...fixtures.digits, ...fixtures.others].find((d) => d.name === name).strokes;
const turned = (strokes, deg) => {
  const [s, c] = [Math.sin((deg * Math.PI) / 180), Math.cos((deg * Math.PI) / 180)];
  return strokes.map((st) => st.map(([x, y]) => [0.5 + (x - 0.5) * c - (y - 0.5) * s, 0.5 + (x - 0.5) * s + (y - 0.5) * c]));
};

async function draw(page, strokes, clear) {
  await page.getByRole('button', { name: clear, exact: true }).click();
  await page.waitForFunction(() => !/^\d[ （]/.test(document.querySelector('#prediction').textContent));
  for (const s of strokes) await stroke(page, '#drawing-pad', s);
}

/** Draw, wait until the pad reads `digit` (any digit when null), return the note under it. */
async function noteFor(page, strokes, { digit = null, clear = 'Clear', note = null } = {}) {
  await draw(page, strokes, clear);
  const reads = digit === null ? '\\d' : String(digit);
  await page.waitForFunction((r) => new RegExp('^' + r + '( \\(|（)').test(document.querySelector('#prediction').textContent), reads);
  if (note) await page.locator('#unlike-note').filter({ hasText: note }).waitFor();
  return (await page.locator('#unlike-note').textContent()).trim();
}

test('letters and characters get the not-a-digit note; the ten digits, plain and turned, do not', async () => {
  const { context, page, errors } = await openLab(app);
  await page.locator('#drawing-pad').scrollIntoViewIfNeeded();
  // The first waits until the page has measured MNIST's reference digits for these weights.
  for (const name of ['A', '人', '大']) {
    const text = await noteFor(page, drawing(name), { note: /further from MNIST's digits/ });
    assert.match(text, /^The network always answers with one of the ten digits.*"none of these".*\(distance 0\.\d\d\) than 98 in 100 of MNIST's own digits are \(up to 0\.\d\d\), so the \d+\.\d% means little\.$/, name);
  }
  await screenshot(page, 'lab-not-a-digit.png');
  for (const d of fixtures.digits) {
    assert.equal(await noteFor(page, d.strokes, { digit: Number(d.name) }), '', `digit ${d.name}`);
  }
  for (const [name, deg] of [['3', 30], ['7', -30], ['5', 30]]) {
    assert.equal(await noteFor(page, turned(drawing(name), deg), { digit: Number(name) }), '', `${name} turned ${deg}°`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Chinese: 人 gets the note in Chinese, a 7 none', async () => {
  const { context, page, errors } = await openLab(app, { locale: 'zh-CN', width: 360, height: 780, hasTouch: true });
  await page.locator('#drawing-pad').scrollIntoViewIfNeeded();
  const text = await noteFor(page, drawing('人'), { clear: '清除', note: /离 MNIST 的数字/ });
  assert.match(text, /^网络总是从十个数字里选一个作答.*“都不是”.*（距离 0\.\d\d）比 98% 的 MNIST 数字本身都远（最多 0\.\d\d），所以这个 \d+\.\d% 没有什么意义。$/);
  await screenshot(page, 'lab-not-a-digit-zh-360.png');
  assert.equal(await noteFor(page, drawing('7'), { digit: 7, clear: '清除' }), '');
  assert.deepEqual(errors, []);
  await context.close();
});
