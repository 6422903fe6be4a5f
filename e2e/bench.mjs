// The browser half of `cargo xtask bench`: cold loads to the first command accepted, the
// keypress-to-painted-output latency of each lesson command, and `kubectl get pods -o wide`
// over a 10,000-pod Deployment, all measured inside the page (performance.now(), whose zero is
// the navigation start). Serves dist/ from a sub-path with run.mjs's static server and drives
// Debian's Chromium with playwright-core, one fresh profile per cold load.
//
//   node bench.mjs [--runs 5] [--commands FILE.json] [--big 10000 | --big 0] [--out FILE.json]
//
// Prints progress on stderr and writes one JSON document (to --out, or stdout).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// KP_DIST: another build's dist/, for A/B runs.
const DIST = path.resolve(process.env.KP_DIST ?? path.join(here, '..', 'dist'));
// run.mjs's flags, plus exact (unbucketed) performance.memory and a callable gc().
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info', '--js-flags=--expose-gc'];
const FIRST = 'kubectl get nodes';
const BIG_IMAGE = 'gcr.io/google-samples/hello-app:1.0';

const log = (...a) => console.error('bench.mjs:', ...a);

function args() {
  const a = { runs: 5, commands: null, big: 10000, out: null, wide: 5 };
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i++) {
    const k = v[i].replace(/^--/, '');
    if (k in a) a[k] = ['commands', 'out'].includes(k) ? v[++i] : Number(v[++i]);
  }
  return a;
}

/** The lesson's `{{execute}}` commands: from --commands (the lesson crate's list, written by
 *  xtask) or, standing alone, from the markdown of dist/lessons/servicios-es. */
function lessonCommands(file) {
  if (file) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.join(DIST, 'lessons', 'servicios-es');
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const cmds = [];
  for (const s of index.details.steps) {
    const md = fs.readFileSync(path.join(dir, s.text), 'utf8');
    for (const m of md.matchAll(/`([^`]+)`\{\{execute\}\}/g)) cmds.push(m[1]);
  }
  return cmds;
}

/** Runs in the page before its own scripts: the measuring hooks, and (with `first` set) the
 *  first command typed the moment the prompt shows. */
function harness(first) {
  const now = () => performance.now();
  /** Types `cmd` and presses Enter in the page itself (no round trip through the driver), then
   *  resolves with times since the Enter was dispatched: `mutated` (the terminal's DOM first
   *  changed), `painted` (the frame after that), `output` (the frame after the first output
   *  line appeared) and `done` (the frame after the prompt came back). */
  function run(cmd, timeoutMs = 120000) {
    return new Promise((resolve) => {
      const screen = document.querySelector('#term-output');
      const input = document.querySelector('#term-input');
      if (!screen || !input) { resolve({ cmd, error: 'no terminal' }); return; }
      const r = { cmd, mutated: null, painted: null, output: null, done: null };
      let t0 = 0, changed = false, sawOutput = false, sawDone = false, settled = false;
      const finish = (timedOut) => {
        if (settled) return;
        settled = true;
        mo.disconnect();
        clearTimeout(timer);
        if (r.output === null && r.done !== null) r.output = r.done;  // a command that prints nothing
        r.timedOut = timedOut;
        resolve(r);
      };
      const atFrame = (key) => requestAnimationFrame(() => {
        r[key] = now() - t0;
        if (r.painted !== null && r.done !== null && (r.output !== null || sawDone)) finish(false);
      });
      const mo = new MutationObserver((records) => {
        if (!changed) { changed = true; r.mutated = now() - t0; atFrame('painted'); }
        if (!sawOutput) {
          for (const rec of records) {
            for (const n of rec.addedNodes) {
              if (n.nodeType === 1 && (n.matches('span.out, span.err') || n.querySelector('span.out, span.err'))) sawOutput = true;
            }
          }
          if (sawOutput) atFrame('output');
        }
        if (!sawDone && screen.dataset.busy === 'false' && screen.querySelector('.kp-current .kp-prompt')) {
          sawDone = true;
          atFrame('done');
        }
      });
      mo.observe(screen, { childList: true, subtree: true, attributes: true, characterData: true });
      const timer = setTimeout(() => finish(true), timeoutMs);
      input.value = cmd;
      t0 = now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
    });
  }
  window.__kpBench = { run };
  // boot.js sets __kubeplayBootMs when the wasm module's init resolves: note when.
  let bootMs;
  Object.defineProperty(window, '__kubeplayBootMs', { configurable: true,
    get: () => bootMs, set: (v) => { bootMs = v; window.__kpWasmReady = now(); } });
  if (!first) return;
  // Cold load: wait for the prompt, then type the first command at once.
  const start = () => {
    const ready = () => document.querySelector('#term-input') && document.querySelector('#term-output .kp-prompt');
    const go = () => {
      const prompt = now();
      requestAnimationFrame(() => {
        const promptPainted = now();
        run(first).then((r) => {
          window.__kpFirst = { prompt, promptPainted, accepted: promptPainted + r.output, command: r };
        });
      });
    };
    if (ready()) { go(); return; }
    const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); go(); } });
    mo.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

async function open(withFirst) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS,
    viewport: { width: 1280, height: 800 } });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(harness, withFirst ? FIRST : null);
  const close = async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); };
  return { page, errors, close };
}

/** Runs one command through the in-page hook and checks that it did not time out. */
async function measure(page, cmd, timeoutMs) {
  const r = await page.evaluate(([c, t]) => window.__kpBench.run(c, t), [cmd, timeoutMs]);
  if (r.error) throw new Error(`${cmd}: ${r.error}`);
  return r;
}

/** One cold load: fresh profile, navigation, first command, then the lesson's commands. */
async function coldLoad(url, base, commands, n) {
  const { page, errors, close } = await open(true);
  const requests = [];
  page.on('requestfinished', async (req) => {
    const u = new URL(req.url());
    if (u.pathname.startsWith(base)) requests.push(decodeURIComponent(u.pathname.slice(base.length)) || 'index.html');
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__kpFirst, null, { timeout: 60000 });
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const wasm = res.find((e) => e.name.endsWith('.wasm'));
      const f = window.__kpFirst;
      return {
        accepted: f.accepted, prompt: f.prompt, promptPainted: f.promptPainted,
        firstCommand: f.command, bootMs: window.__kubeplayBootMs ?? null, wasmReady: window.__kpWasmReady ?? null,
        htmlResponseEnd: nav?.responseEnd ?? null, domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        wasmResponseEnd: wasm?.responseEnd ?? null,
        // The app's own marks (platform::mark): kp-start, kp-first-render, kp-course,
        // kp-lesson, kp-lab.
        ...Object.fromEntries(performance.getEntriesByType('mark')
          .filter((m) => m.name.startsWith('kp-')).map((m) => [m.name, m.startTime])),
        output: document.querySelector('#term-output').innerText,
      };
    });
    if (!/kind-control-plane\s+Ready/.test(load.output)) throw new Error(`first command printed no node:\n${load.output}`);
    delete load.output;
    log(`cold load ${n}: first command accepted at ${load.accepted.toFixed(1)} ms`);
    // Faster virtual time, so that the pods the lesson waits for start between commands.
    await page.selectOption('#speed', '30');
    const lesson = [];
    for (const cmd of commands) {
      const r = await measure(page, cmd, 120000);
      lesson.push(r);
      await page.waitForTimeout(1000);  // reading time: 30 virtual seconds
    }
    const text = await page.locator('#term-output').innerText();
    const failed = commands.filter((c) => !text.includes(c));
    if (failed.length) throw new Error('commands missing from the terminal: ' + failed.join(', '));
    return { load, lesson, requests: [...new Set(requests)].sort(), errors };
  } finally {
    await close();
  }
}

/** The last non-empty line of `text`, as a number (0 if it is none). */
const lastNumber = (text) => Number(text.split('\n').map((l) => l.trim()).filter(Boolean).pop()) || 0;

/** A Deployment of `n` pods, then `kubectl get pods -o wide` `times` times; memory after. */
async function bigCluster(url, n, times) {
  const { page, errors, close } = await open(false);
  try {
    await page.goto(url);
    await page.waitForSelector('#term-output .kp-prompt', { timeout: 60000 });
    await page.selectOption('#speed', '30');
    // The main thread's long tasks (over 50 ms) while the pods come up: what the page freezes
    // for while the engine catches up with the clock.
    await page.evaluate(() => {
      window.__kpLong = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__kpLong.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const t = Date.now();
    const create = await measure(page, `kubectl create deployment big --image=${BIG_IMAGE} --replicas=${n}`, 300000);
    // Wait until the ReplicaSet has made every pod (a one-node kind runs 110; the rest are
    // Pending, as on a real one-node kind).
    let made = 0;
    for (;;) {
      const r = await measure(page, "kubectl get deploy big -o jsonpath='{.status.replicas}'; echo", 300000);
      const text = await page.locator('#term-output .kp-block').last().innerText();
      made = lastNumber(text);
      if (made >= n || Date.now() - t > 600000 || r.timedOut) break;
      await page.waitForTimeout(2000);
    }
    const settleMs = Date.now() - t;
    const longTasks = await page.evaluate(() => window.__kpLong.splice(0));
    log(`${made} pods made in ${(settleMs / 1000).toFixed(1)} s of wall time`);
    const running = await measure(page, 'kubectl get pods --field-selector=status.phase=Running --no-headers | wc -l', 300000)
      .then(() => page.locator('#term-output .kp-block').last().innerText())
      .then(lastNumber);
    // The listings at the clock's usual speed: at 30x a step of the clock is 6 s of virtual
    // time (the scheduler's retries of the Pending pods), and one landing in a listing's frame
    // measured the step with it.
    await page.selectOption('#speed', '1');
    const wide = [];
    for (let i = 0; i < times; i++) {
      wide.push(await measure(page, 'kubectl get pods -o wide', 300000));
      await page.waitForTimeout(500);
    }
    const memory = await page.evaluate(async () => {
      if (typeof gc === 'function') gc();
      let wasmBytes = null;
      try {
        // boot.js already initialised the module: its init returns the live exports.
        const m = await import(new URL('./kubeplay-web.js', document.baseURI).href);
        const w = await m.default();
        wasmBytes = w.memory.buffer.byteLength;
      } catch (_) { /* not reachable: report the JS heap only */ }
      return { wasmBytes, jsHeapUsed: performance.memory?.usedJSHeapSize ?? null,
        jsHeapTotal: performance.memory?.totalJSHeapSize ?? null,
        domNodes: document.getElementsByTagName('*').length };
    });
    return { pods: made, running, settleMs, longTasks, create, wide, memory, errors };
  } finally {
    await close();
  }
}

async function main() {
  const a = args();
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    console.error(`no ${DIST}/index.html: run cargo xtask dist first`);
    process.exit(2);
  }
  const commands = lessonCommands(a.commands);
  const server = await serve();
  const base = '/workshop/kubeplay/';
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  const result = { url, commands, loads: [], lesson: commands.map((cmd) => ({ cmd, samples: [] })), requests: [], errors: [] };
  try {
    for (let i = 1; i <= a.runs; i++) {
      const r = await coldLoad(url, base, commands, i);
      result.loads.push(r.load);
      r.lesson.forEach((s, k) => result.lesson[k].samples.push(s));
      if (i === 1) result.requests = r.requests;
      result.errors.push(...r.errors);
    }
    if (a.big > 0) result.big = await bigCluster(url, a.big, a.wide);
    if (result.big) result.errors.push(...result.big.errors);
  } catch (e) {
    result.failure = String(e.stack ?? e);
    log(result.failure);
  } finally {
    server.close();
  }
  const text = JSON.stringify(result, null, 1);
  if (a.out) fs.writeFileSync(a.out, text); else process.stdout.write(text + '\n');
  process.exit(result.failure ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
