// A cold load: the page says it is loading from its first paint, boot.js asks for the lesson's
// files while the wasm compiles, and the app takes those requests over instead of making its
// own; the page marks how its start is spent.
import assert from 'node:assert/strict';
import { type, waitFor } from './terminal.mjs';
import { open } from './lesson.mjs';

export const tests = {
  async a_cold_load_fetches_each_lesson_file_once({ page, url }) {
    // Who asked for each file: boot.js (early, while the wasm compiles) or the app.
    await page.addInitScript(() => {
      const real = window.fetch;
      window.__kpAsked = [];
      window.fetch = function (input, init) {
        window.__kpAsked.push([String(input), /boot\.js/.test(new Error().stack) ? 'boot.js' : 'app']);
        return real.call(this, input, init);
      };
    });
    // index.html's loading text shows before the wasm runs, and the app removes it.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.__kpBootText = document.getElementById('kp-boot')?.innerText ?? null;
      });
    });
    await open(page, url);
    assert.equal(await page.evaluate(() => window.__kpBootText), 'Cargando… / Loading…');
    assert.equal(await page.locator('#kp-boot').count(), 0);
    await type(page, 'cat manifests/dnsutils.yaml');
    await waitFor(page, /name: dnsutils/);
    const { files, marks, asked } = await page.evaluate(() => ({
      asked: window.__kpAsked,
      files: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
        .filter((p) => p.includes('/lessons/')).map((p) => p.slice(p.indexOf('/lessons/') + 1)),
      marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
    }));
    const base = 'lessons/servicios-es/';
    const expected = ['lessons/structure.json', ...['index.json', 'intro.md', 'step1.md', 'finish.md',
      'assets/manifests/web-clusterip-svc.yaml', 'assets/manifests/web-headless-svc.yaml',
      'assets/manifests/dnsutils.yaml'].map((f) => base + f)];
    assert.deepEqual([...files].sort(), [...expected].sort(), 'each file once, and nothing else');
    const fromApp = asked.filter(([u, who]) => u.startsWith('lessons/') && who === 'app');
    assert.deepEqual(fromApp, [], 'the lesson files are all asked for by boot.js');
    // The app's marks, in the order its start goes through them.
    const order = ['kp-start', 'kp-first-render', 'kp-course', 'kp-lesson', 'kp-lab'];
    for (const m of order) assert.ok(typeof marks[m] === 'number', `mark ${m}: ${JSON.stringify(marks)}`);
    for (let i = 1; i < order.length; i++) assert.ok(marks[order[i - 1]] <= marks[order[i]], JSON.stringify(marks));
  },
};
