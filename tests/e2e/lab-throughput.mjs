// Training throughput alone in the MNIST lab, for A/B runs of two builds: CONVLAB_DIST=DIR node
// tests/e2e/lab-throughput.mjs [seed|lenet5] [QUERY] [SECONDS]. Prints where Chromium's CPU time
// went in the measured seconds (per thread, from /proc: the workers, the page's main thread, the
// compositor…), then one JSON line. Not a test.
import { startServer, launch, openPage, waitForApp } from './harness.mjs';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
const model = process.argv[2] ?? 'seed';
const query = process.argv[3] ? `?${process.argv[3]}` : '';
const secs = Number(process.argv[4] ?? 20);
/** CPU milliseconds so far of every thread of every Chromium process, keyed by process type and thread. */
function chromiumThreads() {
  const out = {};
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      const type = cmd.match(/--type=([a-z-]+)/)?.[1] ?? 'browser';
      for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
        const stat = fs.readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime + stime, in clock ticks of 10 ms.
        out[`${type} ${pid}/${t} ${name}`] = (Number(f[11]) + Number(f[12])) * 10;
      }
    } catch { /* the process or thread ended meanwhile */ }
  }
  return out;
}
/** Interrupts of `kind` ('TLB' shootdowns, 'CAL' function calls…) on every core so far, from /proc/interrupts. */
function interrupts(kind) {
  const line = fs.readFileSync('/proc/interrupts', 'utf8').split('\n').find((l) => l.trim().startsWith(`${kind}:`));
  return line ? line.trim().split(/\s+/).slice(1).filter((v) => /^\d+$/.test(v)).reduce((a, v) => a + Number(v), 0) : 0;
}
const { server, base } = await startServer();
const browser = await launch();
try {
  const { page } = await openPage(browser);
  // A build instrumented with `console.log('PROF …')` lines in its worker gets them printed here.
  page.on('console', (m) => { if (m.text().startsWith('PROF')) console.log(m.text()); });
  await page.goto(`${base}/lab${query}`);
  await waitForApp(page);
  await page.getByLabel('Model').selectOption(model);
  await page.locator('#weights-source').filter({ hasText: 'pretrained' }).waitFor({ timeout: 30000 });
  await page.getByLabel('Training images').selectOption('60000');
  await page.getByLabel('Batch size').fill('128');
  await page.getByLabel('Epochs').fill('10');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Batches since the run began, across epochs (the text counts within the epoch; while an epoch's
  // test runs there is no batch in it, so wait for the next one).
  const batch = async () => {
    for (;;) {
      const m = (await page.locator('#train-text').textContent()).match(/Epoch (\d+) of \d+, batch (\d+) of (\d+)/);
      if (m) return (Number(m[1]) - 1) * Number(m[3]) + Number(m[2]);
      await page.waitForTimeout(20);
    }
  };
  await page.waitForFunction(() => / batch (\d+) of/.test(document.querySelector('#train-text')?.textContent ?? ''), null, { timeout: 600000 });
  if (process.env.CONVLAB_PIN_WORKERS) {
    // Pin worker thread k to core k (mod the cores), so a program busy on one core (e.g. `taskset -c
    // 1 sh -c 'while :; do :; done'`) slows one member only: a team whose cores are not equally fast.
    const cores = Number(execFileSync('nproc').toString());
    const workers = Object.keys(chromiumThreads()).filter((k) => k.startsWith('renderer') && k.endsWith('DedicatedWorker'));
    workers.forEach((k, i) => {
      const tid = k.split(' ')[1].split('/')[1];
      execFileSync('taskset', ['-p', '-c', String(i % cores), tid]);
      console.log(`worker thread ${tid} pinned to core ${i % cores}`);
    });
  }
  await page.waitForTimeout(4000);
  const c0 = chromiumThreads();
  const tlb0 = interrupts('TLB');
  const b0 = await batch(); const t0 = Date.now();
  await page.waitForTimeout(secs * 1000);
  const b1 = await batch(); const dt = (Date.now() - t0) / 1000;
  const c1 = chromiumThreads();
  console.log(`${Math.round((interrupts('TLB') - tlb0) / dt)} TLB shootdowns/s (all cores)`);
  for (const [name, ms] of Object.entries(c1).map(([k, v]) => [k, v - (c0[k] ?? 0)]).sort((a, b) => b[1] - a[1])) {
    if (ms / dt / 10 >= 1) console.log(`${(ms / dt / 10).toFixed(0).padStart(4)}% CPU  ${name}`);
  }
  console.log(JSON.stringify({ dist: process.env.CONVLAB_DIST ?? 'dist', model, query, samples_per_s: Math.round((b1 - b0) * 128 / dt) }));
} finally { await browser.close(); server.close(); }
