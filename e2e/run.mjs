// Runs the browser tests: serves dist/ from a sub-path with a plain static server, drives
// Debian's Chromium with playwright-core (never a downloaded browser), prints one line per test
// and a summary, and exits non-zero when a test fails.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, '..', 'dist');
const BASE = '/workshop/kubeplay/';
const OUT = path.join(here, 'output');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8', '.yml': 'text/yaml; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** A static file server for dist/ under BASE, like any static host. */
export function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(BASE)) { res.writeHead(404); res.end('not found'); return; }
    let rel = decodeURIComponent(url.pathname.slice(BASE.length)) || 'index.html';
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST)) { res.writeHead(403); res.end(); return; }
    fs.stat(file, (err, st) => {
      const target = !err && st.isDirectory() ? path.join(file, 'index.html') : file;
      fs.readFile(target, (err2, data) => {
        if (err2) { res.writeHead(404); res.end('not found'); return; }
        res.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
        res.end(data);
      });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    console.error(`no ${DIST}/index.html: run cargo xtask dist first`);
    process.exit(2);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const only = process.argv[2];
  const files = fs.readdirSync(path.join(here, 'tests')).filter((f) => f.endsWith('.mjs')).sort();
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}${BASE}`;
  let passed = 0, failed = 0;
  for (const f of files) {
    const mod = await import(path.join(here, 'tests', f));
    for (const [name, fn] of Object.entries(mod.tests)) {
      if (only && !name.includes(only)) continue;
      const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-chromium-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS,
        viewport: { width: 1280, height: 800 } });
      const page = context.pages()[0] ?? await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      const t0 = Date.now();
      try {
        await fn({ page, url, out: OUT, errors });
        if (errors.length) throw new Error('page errors: ' + errors.join(' | '));
        passed++;
        console.log(`ok   ${name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${name}: ${e.stack ?? e}`);
        await page.screenshot({ path: path.join(OUT, `FAILED-${name}.png`) }).catch(() => {});
      }
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }
  server.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exit(2); });
}
