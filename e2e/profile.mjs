// Where the page's time goes, in Debian's Chromium (the figures in docs/performance.md's
// "Profiles and changes" come from here):
//
//   node e2e/profile.mjs load [--dist DIR] [--runs N]
//     A cold load traced (Chromium's own trace: tasks, layout, V8's lazy compilation of wasm
//     functions): the main thread's long tasks between the app's start marks, and how many
//     functions were compiled on first call before the lab opened.
//   node e2e/profile.mjs listing [--dist DIR] [--pods N] [--times N] [--top N] [--inclusive]
//     A Deployment of N pods (10,000), then `kubectl get pods -o wide` N times (5) under V8's
//     CPU profiler: Enter → paint per listing, and the time per listing in kubectl, the
//     terminal model, Yew's rendering and the browser's own work.
//   node e2e/profile.mjs scaling [--dist DIR] [--pods N]
//     A Deployment of N pods (10,000) coming up with the clock at 30x, under V8's CPU profiler:
//     the main thread's long tasks, and the functions the time went to.
//
// Function names need a wasm that kept them: `wasm-bindgen --target web --keep-debug
// --out-dir D --out-name kubeplay-web target/wasm32-unknown-unknown/release/kubeplay-web.wasm`
// after `cargo xtask dist`, then a copy of dist/ with D's two files in it (`--dist` that copy).
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.md': 'text/markdown; charset=utf-8', '.yaml': 'text/yaml' };
const BASE = '/workshop/kubeplay/';

const args = process.argv.slice(2);
const mode = args[0];
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const DIST = path.resolve(opt('dist', path.join(here, '..', 'dist')));

function serve() {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    const rel = decodeURIComponent(u.pathname.slice(BASE.length)) || 'index.html';
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST)) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (e, d) => {
      if (e) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(rel)] ?? 'application/octet-stream' });
      res.end(d);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Types `cmd` in the page and resolves with [ms to the frame after output, ms to the frame
 *  after the prompt came back]. */
function run(page, cmd) {
  return page.evaluate((c) => new Promise((resolve) => {
    const screen = document.querySelector('#term-output');
    const input = document.querySelector('#term-input');
    const t0 = performance.now();
    let out = null;
    const mo = new MutationObserver(() => {
      if (out === null) { out = 0; requestAnimationFrame(() => { out = performance.now() - t0; }); }
      if (screen.dataset.busy === 'false') {
        mo.disconnect();
        requestAnimationFrame(() => resolve([out, performance.now() - t0]));
      }
    });
    mo.observe(screen, { childList: true, subtree: true, attributes: true });
    input.value = c;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
  }), cmd);
}

/** Names of the wasm's functions by index, read from its name section (empty without one). */
function functionNames(wasmFile) {
  const b = fs.readFileSync(wasmFile);
  const names = new Map();
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const end = p + size;
    if (id === 0) {
      const n = leb();
      const name = b.toString('utf8', p, p + n);
      p += n;
      if (name === 'name') {
        while (p < end) {
          const sub = b[p++];
          const len = leb();
          const subEnd = p + len;
          if (sub === 1) {
            for (let k = leb(); k > 0; k--) {
              const idx = leb();
              const l = leb();
              names.set(idx, b.toString('utf8', p, p + l).replace(/::h[0-9a-f]{16}$/, ''));
              p += l;
            }
          }
          p = subEnd;
        }
      }
    }
    p = end;
  }
  return names;
}

async function load() {
  const runs = Number(opt('runs', 1));
  const names = functionNames(path.join(DIST, 'kubeplay-web_bg.wasm'));
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}${BASE}`;
  const traceFile = path.join(os.tmpdir(), `kp-trace-${process.pid}.json`);
  for (let i = 0; i < runs; i++) {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await browser.startTracing(page, { path: traceFile, categories: ['toplevel', 'devtools.timeline',
      'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.wasm', 'disabled-by-default-v8.compile'] });
    await page.goto(url);
    await page.waitForSelector('#term-output .kp-prompt', { timeout: 60000 });
    await run(page, 'kubectl get nodes');
    await browser.stopTracing();
    await browser.close();
    const ev = JSON.parse(fs.readFileSync(traceFile, 'utf8')).traceEvents;
    fs.rmSync(traceFile, { force: true });
    const main = ev.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
    const mine = ev.filter((e) => e.pid === main.pid && e.tid === main.tid);
    const nav = ev.find((e) => e.name === 'navigationStart' && e.pid === main.pid)?.ts ?? mine[0].ts;
    const at = (t) => ((t - nav) / 1000).toFixed(1).padStart(7);
    const marks = ev.filter((e) => e.pid === main.pid && e.name.startsWith('kp-'));
    const spans = mine.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const top = [];
    let end = -1;
    for (const e of spans) if (e.ts >= end) { top.push(e); end = e.ts + (e.dur ?? 0); }
    const lines = marks.map((m) => ({ t: m.ts, s: `mark ${m.name}` }));
    for (const t of top.filter((x) => x.dur > 3000)) {
      const inner = new Map();
      for (const e of spans) {
        if (e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur) inner.set(e.name, (inner.get(e.name) ?? 0) + e.dur / 1000);
      }
      const parts = [...inner].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, d]) => `${n} ${d.toFixed(1)}`).join(', ');
      lines.push({ t: t.ts, s: `${(t.dur / 1000).toFixed(1)} ms: ${parts}` });
    }
    console.log(`cold load ${i + 1} (ms from navigation start):`);
    for (const l of lines.sort((a, b) => a.t - b.t)) console.log(`${at(l.t)}  ${l.s}`);
    const lab = marks.find((m) => m.name === 'kp-lab')?.ts ?? Infinity;
    const lazy = mine.filter((e) => e.name === 'wasm.CompileLazy');
    const before = lazy.filter((e) => e.ts < lab);
    const sum = (a) => (a.reduce((s, e) => s + e.dur, 0) / 1000).toFixed(1);
    console.log(`functions compiled on first call: ${before.length} before kp-lab (${sum(before)} ms), ${lazy.length} in all (${sum(lazy)} ms)`);
    if (names.size) {
      const byCrate = new Map();
      for (const e of before) {
        const n = (names.get(e.args.func_index) ?? '?').replace(/^<+/, '');
        const c = /^([a-z_0-9]+)/.exec(n)?.[1] ?? '?';
        const v = byCrate.get(c) ?? [0, 0];
        byCrate.set(c, [v[0] + 1, v[1] + e.dur / 1000]);
      }
      console.log('  by crate: ' + [...byCrate].sort((a, b) => b[1][1] - a[1][1]).slice(0, 8)
        .map(([c, [n, d]]) => `${c} ${n} (${d.toFixed(1)} ms)`).join(', '));
      const top = Number(opt('top', 0));
      if (top) {
        console.log(`  the ${top} longest compilations (ms, when, function):`);
        for (const e of [...lazy].sort((a, b) => b.dur - a.dur).slice(0, top)) {
          const n = (names.get(e.args.func_index) ?? '?').slice(0, 110);
          console.log(`  ${(e.dur / 1000).toFixed(2).padStart(6)} ${at(e.ts)} ${n}`);
        }
      }
    }
  }
  server.close();
}

/** The lab's page with the clock at 30x: the server, the browser and the page. */
async function openLab() {
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}${BASE}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('#term-output .kp-prompt', { timeout: 60000 });
  await page.selectOption('#speed', '30');
  return { server, browser, page };
}

/** Creates a Deployment of `pods` pods and waits until its ReplicaSet has made them all, or
 *  until `limitMs` have passed. */
async function makePods(page, pods, limitMs = Infinity) {
  const t0 = Date.now();
  await run(page, `kubectl create deployment big --image=gcr.io/google-samples/hello-app:1.0 --replicas=${pods}`);
  for (;;) {
    await run(page, "kubectl get deploy big -o jsonpath='{.status.replicas}'; echo");
    const text = await page.locator('#term-output .kp-block').last().innerText();
    if (Number(text.trim().split('\n').pop()) >= pods || Date.now() - t0 > limitMs) break;
    await page.waitForTimeout(2000);
  }
}

/** A V8 CPU profile's time per function name, in ms divided by `per`: `self`, and `incl` (a
 *  function counted once per sample however often it is on the stack). */
function cpuTimes(profile, per) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  const self = new Map();
  const name = (id) => (byId.get(id).callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
  for (let k = 0; k < profile.samples.length; k++) {
    const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000 / per;
    let id = profile.samples[k];
    self.set(name(id), (self.get(name(id)) ?? 0) + dt);
    const seen = new Set();
    for (; id !== undefined; id = parent.get(id)) {
      const n = name(id);
      if (!seen.has(n)) { seen.add(n); incl.set(n, (incl.get(n) ?? 0) + dt); }
    }
  }
  return { self, incl };
}

async function listing() {
  const pods = Number(opt('pods', 10000));
  const times = Number(opt('times', 5));
  const { server, browser, page } = await openLab();
  await makePods(page, pods);
  await page.selectOption('#speed', '1');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  for (let i = 0; i < 2; i++) await run(page, 'kubectl get pods -o wide');
  await cdp.send('Profiler.start');
  const painted = [];
  for (let i = 0; i < times; i++) painted.push((await run(page, 'kubectl get pods -o wide'))[0]);
  const { profile } = await cdp.send('Profiler.stop');
  await browser.close();
  server.close();
  console.log(`${pods} pods, Enter → output painted (ms): ${painted.map((x) => x.toFixed(1)).join(' ')}`);
  const { self, incl } = cpuTimes(profile, times);
  const find = (re) => [...incl].filter(([n]) => re.test(n)).reduce((m, [, v]) => Math.max(m, v), 0);
  console.log('per listing (ms of CPU): ' + [
    ['kubectl', /^shell::kubectl::run$/], ['Screen::write', /Screen::write$/],
    ['Yew rendering', /RenderRunner as yew::scheduler::Runnable>::run$/],
    ['browser (style, layout, paint, GC...)', /^\(program\)$/], ['all', /^\(root\)$/],
  ].map(([label, re]) => `${label} ${find(re).toFixed(2)}`).join(', '));
  const top = Number(opt('top', 12));
  console.log('largest self times (ms per listing):');
  for (const [n, ms] of [...self].filter(([n]) => n !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(2).padStart(7)}  ${n.slice(0, 120)}`);
  }
  if (args.includes('--inclusive')) {
    console.log('largest inclusive times (ms per listing):');
    for (const [n, ms] of [...incl].filter(([n]) => n !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${ms.toFixed(2).padStart(7)}  ${n.slice(0, 120)}`);
    }
  }
}

/** CPU per function while a Deployment of N pods comes up at 30x, and the long tasks. */
async function scaling() {
  const pods = Number(opt('pods', 10000));
  const { server, browser, page } = await openLab();
  await page.evaluate(() => {
    window.__kpLong = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__kpLong.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await makePods(page, pods, 600000);
  const wall = Date.now() - t0;
  const { profile } = await cdp.send('Profiler.stop');
  const long = await page.evaluate(() => window.__kpLong);
  await browser.close();
  server.close();
  const sum = long.reduce((a, b) => a + b, 0);
  console.log(`${pods} pods came up in ${(wall / 1000).toFixed(1)} s: ${long.length} long tasks, longest ${Math.max(0, ...long).toFixed(0)} ms, ${sum.toFixed(0)} ms in all`);
  const { incl } = cpuTimes(profile, 1);
  console.log('largest inclusive times (ms of CPU in all):');
  for (const [n, ms] of [...incl].filter(([n]) => n !== "(idle)" && n !== "(root)" && !/^(real|js-to-wasm|wasm_bindgen|<?yew|<?web::components)/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${ms.toFixed(0).padStart(7)}  ${n.slice(0, 120)}`);
  }
}

if (mode === 'load') await load();
else if (mode === 'listing') await listing();
else if (mode === 'scaling') await scaling();
else {
  console.error('usage: node e2e/profile.mjs load|listing|scaling [--dist DIR] [--runs N] [--pods N] [--times N]');
  process.exit(2);
}
