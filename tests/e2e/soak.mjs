// Soak (not a test in `make test`): the source's recipe (seed model, RMSprop 1e-4, batch 128,
// 10 epochs on 60,000 images) in the lab while a learner moves between lessons, switches the
// language and draws. Prints, every SAMPLE_S seconds: the page's JS heap, the RSS of all of
// Chromium's processes (the workers' wasm memory included), the page's answer time to a click, and
// console errors; at the end the first and last thirds compared. Run on a built dist/:
//   node tests/e2e/soak.mjs            (CONVLAB_SOAK_EPOCHS=2 for a shorter run)
import { execFileSync } from 'node:child_process';
import { startServer, launch, openPage, waitForApp, setTraining, stroke } from './harness.mjs';

const epochs = process.env.CONVLAB_SOAK_EPOCHS ?? '10';
const sampleMs = 1000 * Number(process.env.SAMPLE_S ?? 10);

/** RSS of this script's own Chromium (every process descending from this node process). */
function chromiumRssMb() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of rows) if (mine.has(ppid) && !mine.has(pid)) { mine.add(pid); grew = true; }
  }
  return rows.filter(([pid]) => pid !== process.pid && mine.has(pid)).reduce((sum, [, , rss]) => sum + rss, 0) / 1024;
}

const { server, base } = await startServer();
const browser = await launch();
const { page, errors } = await openPage(browser);
const cdp = await page.context().newCDPSession(page);
await page.goto(base + '/lab');
await waitForApp(page);
await page.locator('#weights-source').filter({ hasNotText: /Loading/ }).waitFor({ timeout: 30000 });
await setTraining(page, { model: 'seed', optimizer: 'rmsprop', lr: '0.0001', batch: '128', epochs, images: '60000' });
await page.getByRole('button', { name: 'Train', exact: true }).click();
await page.locator('#train-text').filter({ hasText: /images\/s/ }).waitFor({ timeout: 120000 });

const lessons = ['/conv1d', '/conv2d', '/pooling', '/lenet5', '/classify', '/lab'];
const samples = [];
const started = Date.now();
let round = 0;
for (;;) {
  const running = await page.evaluate(() => !!document.querySelector('#training-badge') || /images\/s/.test(document.querySelector('#train-text')?.textContent ?? ''));
  if (!running) break;
  // A learner's minute: another lesson through the menu, the other language, a drawing in the lab.
  const to = lessons[round % lessons.length];
  await page.evaluate((p) => { const a = [...document.querySelectorAll('nav a')].find((x) => x.getAttribute('href')?.endsWith(p)); a?.click(); }, to);
  await page.getByRole('button', { name: round % 2 ? 'English' : '中文' }).click();
  if (to === '/lab' && await page.locator('#drawing-pad').count()) {
    await page.locator('#drawing-pad').scrollIntoViewIfNeeded();
    await stroke(page, '#drawing-pad', [[0.5, 0.15], [0.5, 0.85]]);
  }
  // The page's answer: a click on the language button until the other one is there (through
  // Playwright, so its round trips are included: an upper bound on the page's own time).
  const t0 = Date.now();
  await page.getByRole('button', { name: round % 2 ? '中文' : 'English' }).click();
  await page.getByRole('button', { name: round % 2 ? 'English' : '中文' }).waitFor();
  const answerMs = Date.now() - t0;
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  const rss = chromiumRssMb();
  const progress = await page.evaluate(() => document.querySelector('#training-badge')?.textContent ?? document.querySelector('#train-text')?.textContent ?? '');
  samples.push({ s: Math.round((Date.now() - started) / 1000), heap, rss, answerMs });
  console.log(`${samples.at(-1).s} s\theap ${heap.toFixed(1)} MB\tchromium RSS ${rss.toFixed(0)} MB\tanswer ${answerMs} ms\t${progress.slice(0, 60)}`);
  round++;
  await new Promise((r) => setTimeout(r, sampleMs));
}
const third = Math.max(1, Math.floor(samples.length / 3));
const mean = (xs, k) => xs.reduce((a, x) => a + x[k], 0) / xs.length;
const [first, last] = [samples.slice(0, third), samples.slice(-third)];
console.log(`samples: ${samples.length}; first third RSS ${mean(first, 'rss').toFixed(0)} MB, last third ${mean(last, 'rss').toFixed(0)} MB (${(100 * (mean(last, 'rss') / mean(first, 'rss') - 1)).toFixed(1)}%); heap ${mean(first, 'heap').toFixed(1)} → ${mean(last, 'heap').toFixed(1)} MB`);
console.log(`answer: median ${samples.map((x) => x.answerMs).sort((a, b) => a - b)[Math.floor(samples.length / 2)]} ms, max ${Math.max(...samples.map((x) => x.answerMs))} ms`);
console.log(`status: ${await page.locator('#lab-status').textContent().catch(() => '(not on the lab)')}`);
console.log(`console errors: ${errors.length}${errors.length ? '\n' + errors.join('\n') : ''}`);
await browser.close();
server.close();
