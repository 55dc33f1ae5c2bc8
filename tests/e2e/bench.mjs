// Engine throughput in Debian's Chromium on the built dist/ (the wasm build of the same kernels the
// native `convlab-cli bench` times). Not a test: it prints one JSON line per model.
// Usage: node tests/e2e/bench.mjs [STEPS]   (after `trunk build --release`)
import { startServer, launch, openPage, waitForApp } from './harness.mjs';

const steps = Number(process.argv[2] ?? 5);
const { server, base } = await startServer();
const browser = await launch();
try {
  const { page, errors } = await openPage(browser);
  await page.goto(`${base}/bench?steps=${steps}`);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Run benchmark' }).click();
  await page.locator('#bench-result').filter({ hasText: 'lenet5' }).waitFor({ timeout: 600000 });
  const ua = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
  for (const line of (await page.locator('#bench-result').textContent()).trim().split('\n')) {
    console.log(JSON.stringify({ ...JSON.parse(line), runtime: `wasm32+simd128 in ${ua}` }));
  }
  console.log(await page.locator('#bench-layers').textContent());
  if (errors.length) throw new Error(errors.join('\n'));
} finally {
  await browser.close();
  server.close();
}
