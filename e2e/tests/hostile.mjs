// An untrusted lesson: every trick to run script, load remote content or escape the page's
// markup, served in place of the course by Playwright's router (nothing hostile ships in
// dist/). The lesson must render as text and inert markup, and nothing may execute.
import path from 'node:path';
import assert from 'node:assert/strict';
import { termText, waitIdle } from './lesson.mjs';

const GIF = Buffer.from('R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAIBAAA=', 'base64');
const PWN = (n) => `window.__pwned=(window.__pwned||[]).concat(${n})`;

const STEP = `# Paso <script>${PWN(1)}</script> hostil

<script>${PWN(2)}</script>
<img src="x" onerror="${PWN(3)}"> <img src="https://evil.example/track.png">
<a href="javascript:${PWN(4)}" id="js-link">enlace</a> [md](javascript:${PWN(5)}) [data](data:text/html,<script>${PWN(6)}</script>)
<svg onload="${PWN(7)}"><circle r="5"/></svg>
<iframe src="https://evil.example/"></iframe><object data="https://evil.example/x"></object><embed src="x">
<form action="https://evil.example/"><input name="q" onfocus="${PWN(8)}" autofocus></form>
<style>body{background:url(https://evil.example/bg.png)}</style>
<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<div style="background:url(https://evil.example/s.png)" onclick="${PWN(9)}">div</div>
<p title="x&quot; onmouseover=&quot;${PWN(10)}">comillas</p>
<math><mtext><table><mglyph><style><img src=x onerror="${PWN(11)}"></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=x onerror=${PWN(12)}>"></noscript>
<!-- <img src=x onerror=${PWN(13)}> -->

\`echo '<img src=x onerror="${PWN(14)}">'\`{{execute}}

\`echo "<script>${PWN(15)}</script>"; printf '\\033]8;;javascript:x\\033\\\\link\\n'\`{{execute}}

<pre class="file" data-filename="../../../../etc/<img src=x onerror=${PWN(16)}>" data-target="replace">texto</pre>
`;

const FILES = {
  'index.json': JSON.stringify({
    title: `Hostil <script>${PWN(20)}</script><img src=x onerror="${PWN(21)}">`,
    description: `<img src=x onerror="${PWN(22)}">`,
    difficulty: '<b onmouseover="x">x</b>', time: '1', language: 'es',
    details: { intro: { text: 'intro.md' }, steps: [{ title: `<img src=x onerror="${PWN(23)}">`, text: 'step1.md' }], finish: { text: 'finish.md' } },
  }),
  'intro.md': `Intro <img src=x onerror="${PWN(24)}">`,
  'step1.md': STEP,
  'finish.md': `[fin](javascript:${PWN(25)})`,
};

export const tests = {
  async i_hostile_lesson_executes_nothing({ page, url, out }) {
    const origin = new URL(url).origin;
    const foreign = [];
    const dialogs = [];
    page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    await page.route('**/lessons/structure.json', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ title: 'k', items: [{ path: 'hostil', title: `<img src=x onerror="${PWN(30)}">` }] }),
    }));
    await page.route('**/lessons/hostil/**', (route) => {
      const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/lessons/hostil/')[1]);
      if (name in FILES) return route.fulfill({ contentType: 'text/plain', body: FILES[name] });
      // `src=x` (a relative image, allowed): a real one, so the page logs no 404.
      if (name === 'x') return route.fulfill({ contentType: 'image/gif', body: GIF });
      return route.fulfill({ status: 404, body: 'not found' });
    });
    await page.goto(url + '#/hostil/1');
    await page.waitForSelector('.kp-page h1, .kp-page h2, .kp-page h3', { timeout: 30000 });
    await page.waitForSelector('#term-input');
    // The title is text.
    assert.match(await page.locator('.kp-lesson-title').innerText(), /<script>/);
    // Every lesson action runs in the terminal, whose output is text too.
    const actions = await page.locator('.kp-page [data-action]').count();
    assert.ok(actions >= 3, `expected the lesson's actions, found ${actions}`);
    for (let i = 0; i < actions; i++) {
      const el = page.locator(`.kp-page [data-action="${i}"]`);
      if (await el.count() === 0) continue;
      await el.scrollIntoViewIfNeeded();
      await el.click();
      await waitIdle(page);
    }
    assert.match(await termText(page), /<img src=x onerror=/);
    // Hover and click what an attacker would want hovered or clicked (not the links out).
    for (const sel of ['.kp-page p', '.kp-page div', '.kp-page img', '.kp-page svg']) {
      for (const el of await page.locator(sel).all()) {
        await el.hover({ timeout: 2000 }).catch(() => {});
      }
    }
    await page.locator('.kp-page #js-link, .kp-page a[href^="javascript"]').first().click({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(500);
    const dom = await page.evaluate(() => {
      const page = document.querySelector('.kp-page');
      const all = [...document.querySelectorAll('*')];
      return {
        pwned: window.__pwned ?? null,
        scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline'),
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
        badTags: [...page.querySelectorAll('script, iframe, object, embed, form, input, style, meta, base, link, svg, math, noscript')].map((e) => e.tagName),
        hrefs: [...page.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
        srcs: [...page.querySelectorAll('[src]')].map((e) => e.getAttribute('src')),
        styles: [...page.querySelectorAll('[style]')].map((e) => e.getAttribute('style')),
        location: location.href,
      };
    });
    await page.screenshot({ path: path.join(out, 'hostile-lesson.png') });
    assert.equal(dom.pwned, null, 'lesson script ran: ' + JSON.stringify(dom.pwned));
    assert.deepEqual(dialogs, []);
    assert.deepEqual(dom.scripts, ['./boot.js']);
    assert.deepEqual(dom.handlers, []);
    assert.deepEqual(dom.badTags, []);
    for (const h of dom.hrefs) assert.ok(!/^\s*(javascript|data|vbscript):/i.test(h), `unsafe href ${h}`);
    for (const s of dom.srcs) assert.ok(!/^\s*(javascript|https?:)/i.test(s), `remote or unsafe src ${s}`);
    assert.deepEqual(dom.styles, []);
    assert.ok(dom.location.startsWith(url), `navigated away: ${dom.location}`);
    assert.deepEqual(foreign, [], 'requests left the site');
  },
};
