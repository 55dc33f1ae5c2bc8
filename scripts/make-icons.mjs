// Renders the app icons in assets/icons/ from assets/favicon.svg with Debian's Chromium (run once
// by hand after changing the favicon: `node scripts/make-icons.mjs`; the PNGs are committed).
// "any" icons are the favicon as drawn; the "maskable" one puts the grid inside the 80% safe zone
// on a full-bleed background, since launchers may crop it to a circle or a squircle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const svg = fs.readFileSync(path.join(root, 'assets/favicon.svg'), 'utf8');
const out = path.join(root, 'assets/icons');
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const shots = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
];
for (const [name, size, maskable] of shots) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable
    ? `<div style="width:${size}px;height:${size}px;background:#1d4ed8;display:grid;place-items:center">
         <div style="width:${size * 0.7}px;height:${size * 0.7}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></div>`
    : svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0;background:transparent">${inner}</body></html>`);
  await page.screenshot({ path: path.join(out, name), omitBackground: true });
}
await browser.close();
console.log('icons written to', out);
