// The classroom: (a) the whole Spanish lesson by its buttons, then the curl lines by hand;
// (b) a reload in the middle loses nothing; (c) the editor's inline validation and apply.
import path from 'node:path';
import assert from 'node:assert/strict';
import { type, waitFor } from './terminal.mjs';

/** The active terminal's text. */
export const termText = (page) => page.locator('#term-output').innerText();

/** Waits until the active terminal runs nothing and has nothing queued. */
export async function waitIdle(page, timeout = 30000) {
  await page.waitForFunction(() => {
    const o = document.querySelector('#term-output');
    return o && o.dataset.busy === 'false' && !o.querySelector('.kp-queued');
  }, null, { timeout });
}

/** Waits until the terminal text after `mark` (an index into it) matches `re`. */
async function waitAfter(page, mark, re, timeout = 30000) {
  await page.waitForFunction(
    ([m, src, flags]) => new RegExp(src, flags).test((document.querySelector('#term-output')?.innerText ?? '').slice(m)),
    [mark, re.source, re.flags], { timeout });
  return (await termText(page)).slice(mark);
}

/** Opens the app and waits for the lesson. */
export async function open(page, url) {
  await page.goto(url);
  await page.waitForSelector('.kp-page', { timeout: 30000 });
  await page.waitForSelector('#term-input', { timeout: 30000 });
}

/** Waits until the cluster view shows `n` ready pods whose names start with `prefix`. */
async function waitPods(page, prefix, n, timeout = 40000) {
  await page.click('#tab-cluster');
  await page.waitForFunction(([p, k]) => {
    const ok = [...document.querySelectorAll('.kp-pod.ok')].filter((e) => e.dataset.pod.startsWith(p));
    const all = [...document.querySelectorAll('.kp-pod')].filter((e) => e.dataset.pod.startsWith(p));
    return ok.length === k && all.length === k;
  }, [prefix, n], { timeout });
}

/** Clicks lesson action `i` of the page and returns the terminal text it produced. */
async function clickAction(page, i, expect, timeout = 30000) {
  const mark = (await termText(page)).length;
  const el = page.locator(`.kp-page [data-action="${i}"]`);
  await el.scrollIntoViewIfNeeded();
  await el.click();
  if (!expect) return '';
  const out = await waitAfter(page, mark, expect, timeout);
  await waitIdle(page, timeout);
  return out;
}

const POD = /web-[bcdfghjklmnpqrstvwxz2456789]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}/;

export const tests = {
  async a_walk_the_spanish_lesson({ page, url, out }) {
    await open(page, url);
    assert.equal(await page.locator('.kp-lesson-title').innerText(), 'Pod Networking: Services');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    assert.match(await page.locator('#progress-text').innerText(), /0 de 4 comprobaciones/);
    await page.screenshot({ path: path.join(out, 'lesson-intro.png') });
    await page.click('#next-step');
    await page.waitForFunction(() => location.hash === '#/servicios-es/1');
    assert.equal(await page.locator('#page-title').innerText(), 'Services');

    const actions = await page.locator('.kp-page [data-action]').evaluateAll((els) =>
      els.map((e) => ({ n: Number(e.dataset.action), kind: [...e.classList].find((c) => c !== 'kp-action' && c.startsWith('kp-')), text: e.innerText.trim() })));
    assert.deepEqual(actions.map((a) => a.kind), ['kp-exec', 'kp-exec', 'kp-exec', 'kp-exec', 'kp-exec', 'kp-open', 'kp-exec', 'kp-exec', 'kp-exec', 'kp-exec', 'kp-exec', 'kp-exec']);

    let o = await clickAction(page, 0, /deployment\.apps\/web created\n/);
    assert.match(o, /^kubectl create deployment web --image=gcr.io\/google-samples\/hello-app:1.0\n/);
    assert.match(await termText(page), /root@kind-control-plane:~# kubectl create deployment web/);
    o = await clickAction(page, 1, /deployment\.apps\/web scaled\n/);
    await waitPods(page, 'web-', 3);
    o = await clickAction(page, 2, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n(web-\S+\s+1\/1\s+Running.*\n){3}/);
    const firstIps = [...o.matchAll(/(10\.244\.\d+\.\d+)/g)].map((m) => m[1]);
    assert.equal(new Set(firstIps).size, 3, o);
    o = await clickAction(page, 3, /(pod "web-\S+" deleted\n){3}/);
    o = await clickAction(page, 4, /NAME\s+READY\s+STATUS/);
    assert.match(o, POD);
    await waitPods(page, 'web-', 3);
    await page.screenshot({ path: path.join(out, 'cluster-view-pods.png') });

    // {{open}}: the manifest in the editor.
    await clickAction(page, 5, null);
    await page.waitForFunction(() => document.querySelector('#editor-text')?.value.includes('name: web-service'));
    assert.equal(await page.locator('#tab-editor').getAttribute('aria-selected'), 'true');
    assert.match(await page.locator('#editor-status').innerText(), /Sin errores/);
    await page.screenshot({ path: path.join(out, 'editor-open-manifest.png') });

    o = await clickAction(page, 6, /service\/web-service created\n/);
    o = await clickAction(page, 7, /web-service\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s\s+app=web\n/);
    const clusterIp = o.match(/web-service\s+ClusterIP\s+(10\.\d+\.\d+\.\d+)/)[1];
    o = await clickAction(page, 8, /pod\/dnsutils created\n/);
    await waitPods(page, 'dnsutils', 1);
    o = await clickAction(page, 9, /Name:\s+web-service\.default\.svc\.cluster\.local\nAddress: [\d.]+\n/);
    assert.match(o, new RegExp(`Server:\\s+10\\.96\\.0\\.10\\nAddress:\\s+10\\.96\\.0\\.10#53\\n\\nName:\\s+web-service\\.default\\.svc\\.cluster\\.local\\nAddress: ${clusterIp.replace(/\./g, '\\.')}\\n`));
    o = await clickAction(page, 10, /service\/web-headless created\n/);
    o = await clickAction(page, 11, /(Address: 10\.244\.[\d.]+\n[^]*){3}/);

    // Every pod IP, as the cluster view shows them, is in the headless answer.
    await page.click('#tab-cluster');
    const pods = await page.locator('.kp-pod').evaluateAll((els) =>
      els.filter((e) => e.dataset.pod.startsWith('web-')).map((e) => ({ name: e.dataset.pod, ip: e.querySelector('.kp-pod-ip').innerText })));
    assert.equal(pods.length, 3);
    for (const p of pods) assert.match(o, new RegExp(`Name:\\s+web-headless\\.default\\.svc\\.cluster\\.local\\nAddress: ${p.ip.replace(/\./g, '\\.')}\\n`));
    // The ClusterIP on the screen is the one the cluster view shows.
    assert.equal(await page.locator('.kp-svc[data-service="web-service"] .kp-ip').innerText(), clusterIp);

    // The two curl lines, typed with what the screen shows.
    let mark = (await termText(page)).length;
    await type(page, `curl ${pods[0].ip}:8080`);
    o = await waitAfter(page, mark, /Hostname: web-\S+\n/);
    assert.match(o, new RegExp(`Hello, world!\\nVersion: 1\\.0\\.0\\nHostname: ${pods[0].name}\\n`));
    const hostnames = new Set();
    for (let i = 0; i < 8 && hostnames.size < 2; i++) {
      mark = (await termText(page)).length;
      await type(page, `curl ${clusterIp}:80`);
      o = await waitAfter(page, mark, /Hostname: (web-\S+)\n/);
      hostnames.add(o.match(/Hostname: (web-\S+)\n/)[1]);
    }
    assert.ok(hostnames.size > 1, `several curl to the ClusterIP answered by ${[...hostnames]}`);
    for (const h of hostnames) assert.ok(pods.some((p) => p.name === h), h);
    // The cluster view shows which pod answered the last one.
    await page.click('#tab-cluster');
    await page.waitForSelector('.kp-pod.last');
    const last = await page.locator('.kp-svc[data-service="web-service"] .kp-svc-last').innerText();
    assert.match(last, POD);
    // The highlighted pod is the one the Service's line names.
    await page.waitForFunction(() => {
      const pod = document.querySelector('.kp-pod.last')?.dataset.pod;
      return pod && document.querySelector('.kp-svc[data-service="web-service"] .kp-svc-last')?.innerText.endsWith(pod);
    }, null, { timeout: 5000 });
    await page.locator('.kp-splitter.h').focus();
    await page.keyboard.press('Shift+ArrowDown');
    await page.locator('.kp-svc[data-service="web-service"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, 'cluster-view-answered.png') });

    // Every check of the step passed.
    await page.waitForFunction(() => /4 de 4 comprobaciones/.test(document.querySelector('#progress-text')?.innerText ?? ''));
    assert.equal(await page.locator('.kp-check.ok').count(), 4);
    await page.screenshot({ path: path.join(out, 'lesson-done.png') });
    await page.click('#next-step');
    await page.waitForFunction(() => location.hash === '#/servicios-es/finish');
    assert.match(await page.locator('.kp-page').innerText(), /Enhorabuena/);
  },

  async b_reload_mid_lesson_keeps_everything({ page, url, out }) {
    await page.goto(url + '#/servicios-es/1');
    await page.waitForSelector('.kp-page [data-action="0"]', { timeout: 30000 });
    assert.equal(await page.locator('#page-title').innerText(), 'Services');
    await clickAction(page, 0, /deployment\.apps\/web created\n/);
    await clickAction(page, 1, /deployment\.apps\/web scaled\n/);
    await clickAction(page, 5, null);
    await page.waitForFunction(() => document.querySelector('#editor-text')?.value.includes('web-service'));
    // An unsaved edit in the editor.
    await page.fill('#editor-text', (await page.inputValue('#editor-text')).replace('port: 80', 'port: 8081'));
    await clickAction(page, 6, /service\/web-service created\n/);
    await waitPods(page, 'web-', 3);
    await type(page, 'echo recuerdo > notas.txt');
    await waitIdle(page);
    // A second terminal with its own command.
    await page.click('#new-terminal');
    await page.waitForSelector('#term-tab-2[aria-selected="true"]');
    await type(page, 'kubectl get svc web-service');
    await waitFor(page, /web-service\s+ClusterIP/);
    await page.click('#term-tab-1');
    const before = {
      text: await termText(page),
      pods: await page.locator('.kp-pod').evaluateAll((els) => els.map((e) => e.dataset.pod + ' ' + e.querySelector('.kp-pod-ip').innerText).sort()),
      progress: await page.locator('#progress-text').innerText(),
    };
    await page.waitForTimeout(2000); // the lab saves at most every 1.5 s
    await page.reload();
    await page.waitForSelector('#term-input', { timeout: 30000 });
    assert.equal(await page.evaluate(() => location.hash), '#/servicios-es/1');
    assert.equal(await page.locator('#page-title').innerText(), 'Services');
    assert.equal(await page.locator('#progress-text').innerText(), before.progress);
    // The scrollback, the cluster, the files, the second terminal and the editor are back.
    const text = await termText(page);
    assert.ok(text.includes('deployment.apps/web scaled') && text.includes('service/web-service created'), text);
    await page.click('#tab-cluster');
    await page.waitForSelector('.kp-pod');
    const pods = await page.locator('.kp-pod').evaluateAll((els) => els.map((e) => e.dataset.pod + ' ' + e.querySelector('.kp-pod-ip').innerText).sort());
    assert.deepEqual(pods, before.pods);
    let mark = (await termText(page)).length;
    await type(page, 'cat notas.txt; kubectl get deploy web');
    let o = await waitAfter(page, mark, /web\s+3\/3\s+3\s+3\s+\d+/);
    assert.match(o, /recuerdo\n/);
    // History survives: Up brings the last command back.
    await page.locator('#term-input').press('ArrowUp');
    assert.equal(await page.inputValue('#term-input'), 'cat notas.txt; kubectl get deploy web');
    await page.locator('#term-input').fill('');
    assert.equal(await page.locator('#term-tab-2').count(), 1);
    await page.click('#term-tab-2');
    await waitFor(page, /web-service\s+ClusterIP/);
    await page.click('#term-tab-1');
    await page.click('#tab-editor');
    assert.match(await page.inputValue('#editor-text'), /port: 8081/);
    assert.match(await page.locator('.kp-status').innerText(), /cambios sin guardar/);

    // "Restart this step": the cluster and the files go back to when the step was entered.
    await page.click('#restart-step');
    await waitFor(page, /paso reiniciado/);
    mark = (await termText(page)).length;
    await type(page, 'kubectl get deploy; ls notas.txt');
    o = await waitAfter(page, mark, /No resources found in default namespace\.\n[^]*No such file or directory/);
    await page.click('#tab-cluster');
    assert.equal(await page.locator('.kp-pod').count(), 0);
    await page.screenshot({ path: path.join(out, 'restart-step.png') });

    // A deep link to the English lesson: English UI.
    await page.goto(url + '#/services-en/1');
    await page.waitForFunction(() => document.querySelector('#page-title')?.innerText === 'Services' && document.documentElement.lang === 'en');
    assert.match(await page.locator('.kp-pager-pos').innerText(), /Step 2 of 3/);
    // And back: the Spanish lab is still there after a reload.
    await page.goto(url + '#/servicios-es/1');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await page.waitForSelector('#term-input');
    assert.match(await termText(page), /paso reiniciado/);
  },

  async c_editor_validates_and_applies({ page, url, out }) {
    await open(page, url);
    await page.click('#tab-editor');
    await page.fill('#open-path', 'manifests/web-clusterip-svc.yaml');
    await page.press('#open-path', 'Enter');
    await page.waitForFunction(() => document.querySelector('#editor-text')?.value.includes('name: web-service'));
    const good = await page.inputValue('#editor-text');
    // A YAML syntax error: shown inline, on its line.
    await page.fill('#editor-text', good.replace('  selector:\n', '  selector:\n   bad\n'));
    await page.waitForSelector('.kp-code-line.has-error .kp-lint');
    let lint = await page.locator('.kp-code-line.has-error .kp-lint').first().innerText();
    assert.match(lint, /yaml: line \d+: /);
    assert.match(await page.locator('#editor-problems').innerText(), /línea \d+, columna \d+: yaml: line/);
    assert.equal(await page.locator('#editor-text').getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: path.join(out, 'editor-yaml-error.png') });
    // A Kubernetes error (an invalid name), at metadata.name.
    await page.fill('#editor-text', good.replace('name: web-service', 'name: Web_Service'));
    await page.waitForFunction(() => /metadata\.name: Invalid value: "Web_Service"/.test(document.querySelector('.kp-code-line.has-error')?.innerText ?? ''));
    assert.match(await page.locator('#editor-problems').innerText(), /línea 4, columna 3: metadata\.name: Invalid value: "Web_Service": a DNS-1035 label/);
    const errLine = await page.locator('.kp-code-line').nth(3).getAttribute('class');
    assert.match(errLine, /has-error/);
    assert.equal(await page.locator('.kp-ln.bad').innerText(), '4');
    await page.screenshot({ path: path.join(out, 'editor-schema-error.png') });
    // A field the API does not know (strict decoding, as kubectl apply would refuse it).
    await page.fill('#editor-text', good.replace('  selector:', '  selectr:'));
    await page.waitForFunction(() => /unknown field "spec\.selectr"/.test(document.querySelector('.kp-code-line.has-error')?.innerText ?? ''));
    assert.match(await page.locator('#editor-problems').innerText(), /línea 7, columna 3: Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec\.selectr"/);
    await page.screenshot({ path: path.join(out, 'editor-unknown-field.png') });
    // Fixed by typing: the error goes away.
    await page.fill('#editor-text', good.replace('name: web-service', 'name: web-svc'));
    await page.waitForFunction(() => !document.querySelector('.kp-code-line.has-error'));
    assert.match(await page.locator('#editor-status').innerText(), /Sin errores/);
    // Typing (not filling): a key, Enter with auto-indent, and Ctrl-S.
    await page.locator('#editor-text').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# fin');
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => !document.querySelector('.kp-status'));
    // Apply: kubectl apply -f in the terminal.
    const mark = (await termText(page)).length;
    await page.click('#editor-apply');
    const o = await waitAfter(page, mark, /service\/web-svc created\n/);
    assert.match(o, /^kubectl apply -f manifests\/web-clusterip-svc\.yaml\n/);
    await waitIdle(page);
    await type(page, 'tail -1 manifests/web-clusterip-svc.yaml');
    await waitFor(page, /# fin\n/);
    await page.click('#tab-cluster');
    await page.waitForSelector('.kp-svc[data-service="web-svc"]');
    await page.click('#tab-editor');
    await page.screenshot({ path: path.join(out, 'editor-applied.png') });
  },

  async d_terminal_keys_and_second_terminal({ page, url, out }) {
    await open(page, url);
    const input = page.locator('#term-input');
    // Tab completion from the shell's data.
    await input.click();
    await input.fill('kubectl get deploym');
    await input.press('Tab');
    await page.waitForFunction(() => document.querySelector('#term-input').value === 'kubectl get deployments ');
    // Line editing: Ctrl-A, Ctrl-K, Ctrl-E, Ctrl-U, Ctrl-W, Home/End.
    await input.fill('kubectl get pods');
    await input.press('Control+a');
    await input.press('Control+k');
    assert.equal(await input.inputValue(), '');
    await input.fill('echo uno dos');
    await input.press('Control+w');
    assert.equal(await input.inputValue(), 'echo uno ');
    await input.press('Home');
    await input.type('X');
    await input.press('End');
    await input.type('Y');
    assert.equal(await input.inputValue(), 'Xecho uno Y');
    await input.press('Control+u');
    assert.equal(await input.inputValue(), '');
    // Ctrl-R searches the history.
    await type(page, 'echo first-command');
    await type(page, 'echo second');
    await input.press('Control+r');
    await input.type('first');
    assert.equal(await input.inputValue(), 'echo first-command');
    assert.match(await page.locator('.kp-prompt').innerText(), /reverse-i-search\)`first'/);
    await input.press('Enter');
    await waitFor(page, /echo first-command\nfirst-command\n[^]*echo first-command\nfirst-command\n/);
    // Ctrl-C stops a running watch; stderr is marked.
    await type(page, 'kubectl get pods -w -A');
    await page.waitForFunction(() => document.querySelector('#term-output').dataset.busy === 'true');
    await input.press('Control+c');
    await waitIdle(page);
    await type(page, 'cat nothing-here');
    await page.waitForSelector('.kp-screen .err');
    assert.match(await page.locator('.kp-screen .err').last().innerText(), /No such file or directory/);
    // Multi-line paste runs each line.
    await input.focus();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text', 'echo pasted-1\necho pasted-2\necho ');
      document.querySelector('#term-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitFor(page, /pasted-1\n[^]*pasted-2\n/);
    assert.equal(await input.inputValue(), 'echo ');
    await input.fill('');
    // Ctrl-L clears.
    await input.press('Control+l');
    await page.waitForFunction(() => !/pasted-1/.test(document.querySelector('#term-output').innerText));
    // A second terminal on the same host: a watch there sees what terminal 1 creates.
    await page.click('#new-terminal');
    await page.waitForSelector('#term-tab-2[aria-selected="true"]');
    await type(page, 'kubectl get pods -w');
    await page.click('#term-tab-1');
    await type(page, 'kubectl run solo --image=nginx');
    await waitFor(page, /pod\/solo created/);
    await page.click('#term-tab-2');
    await waitFor(page, /solo\s+1\/1\s+Running/, 30000);
    await page.screenshot({ path: path.join(out, 'terminal-2-watch.png') });
    // Keyboard-only: Escape then Tab leaves the terminal.
    await page.locator('#term-input').press('Escape');
    await page.locator('#term-input').press('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'term-input');
    // Language and theme switches.
    await page.selectOption('#ui-lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('#tab-cluster').innerText(), /Cluster/);
    assert.match(await page.locator('.kp-pager-pos').innerText(), /Step 1 of 3/);
    await page.selectOption('#theme', 'dark');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.screenshot({ path: path.join(out, 'dark-english.png') });
  },

  async e_bad_storage_quota_and_reset({ page, url, out, errors }) {
    // Saved data that cannot be read: reported, kept aside, replaced by a fresh lab.
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('kubeplay.lab.servicios-es', '{"version":1,"lesson":"servicios-es","session":42}');
        localStorage.setItem('kubeplay.prefs', 'not json');
      }
    });
    await open(page, url);
    await page.waitForSelector('.kp-notice.error');
    const notices = await page.locator('.kp-notice.error').allInnerTexts();
    assert.ok(notices.some((n) => /no se pudieron leer \(unreadable lab: /.test(n)), notices.join('|'));
    assert.ok(notices.some((n) => /no se pudieron leer \(not JSON/.test(n)), notices.join('|'));
    assert.equal(await page.evaluate(() => localStorage.getItem('kubeplay.broken.lab.servicios-es')), '{"version":1,"lesson":"servicios-es","session":42}');
    await page.screenshot({ path: path.join(out, 'storage-error-reported.png') });
    while (await page.locator('.kp-notice button').count()) await page.locator('.kp-notice button').first().click();
    await type(page, 'kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0');
    await waitFor(page, /deployment\.apps\/web created/);
    // A full storage: the failed save is reported, the lab goes on.
    await page.evaluate(() => {
      localStorage.removeItem('kubeplay.lab.servicios-es');
      let i = 0;
      for (const size of [512 * 1024, 32 * 1024, 1024, 16]) {
        const chunk = 'x'.repeat(size);
        for (;;) {
          try { localStorage.setItem('filler-' + i++, chunk); } catch (e) { break; }
        }
      }
    });
    await type(page, 'kubectl scale deployment web --replicas=2');
    await page.waitForFunction(() => [...document.querySelectorAll('.kp-notice.error')].some((n) => /No se pudo guardar el progreso: .*(QuotaExceededError|full)/.test(n.innerText)), null, { timeout: 10000 });
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k); });
    while (await page.locator('.kp-notice button').count()) await page.locator('.kp-notice button').first().click();
    // Reset lesson: a fresh cluster and progress.
    page.once('dialog', (d) => d.accept());
    await page.click('#reset-lesson');
    await waitFor(page, /lección reiniciada/);
    await type(page, 'kubectl get deploy');
    await waitFor(page, /No resources found in default namespace\./);
    assert.equal(await page.locator('#page-title').innerText(), 'Introducción');
    // A link to a lesson that does not exist: reported, and the first lesson opens.
    await page.goto(url + '#/no-such-lesson/2');
    await page.reload();
    await page.waitForSelector('.kp-notice.error');
    assert.match(await page.locator('.kp-notice.error').first().innerText(), /No se pudo cargar la lección: lessons\/no-such-lesson\/index.json: HTTP 404/);
    await page.waitForFunction(() => document.querySelector('.kp-lesson-title')?.innerText === 'Pod Networking: Services');
    await page.waitForSelector('#term-input');
    // The browser logs the 404 itself; that one was expected.
    const unexpected = errors.filter((e) => !/status of 404/.test(e));
    errors.length = 0;
    errors.push(...unexpected);
  },

  async f_cluster_view_at_300_pods({ page, url, out }) {
    await open(page, url);
    await page.selectOption('#speed', '30');
    await type(page, 'kubectl create deployment big --image=nginx --replicas=300');
    await waitFor(page, /deployment\.apps\/big created/);
    await page.click('#tab-cluster');
    await page.waitForFunction(() => /^300 pods/.test(document.querySelector('#cluster-summary')?.innerText ?? ''), null, { timeout: 60000 });
    assert.equal(await page.locator('.kp-pod').count(), 300);
    assert.equal(await page.locator('.kp-pods.compact').count(), 1);
    // A taller cluster pane, by keyboard on the splitter.
    await page.locator('.kp-splitter.h').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.waitForFunction(() => Number(document.querySelector('.kp-splitter.h').getAttribute('aria-valuenow')) >= 80);
    await page.locator('.kp-group h4').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, 'cluster-view-300-pods.png') });
    // The filter narrows it to one pod.
    const name = await page.locator('.kp-pod').nth(123).getAttribute('data-pod');
    await page.fill('#cluster-filter', name);
    await page.waitForFunction(() => document.querySelectorAll('.kp-pod').length === 1);
    assert.match(await page.locator('#cluster-summary').innerText(), /^1 pods/);
    // Other namespaces.
    await page.fill('#cluster-filter', '');
    await page.selectOption('#cluster-ns', 'kube-system');
    await page.waitForSelector('.kp-pod[data-pod^="coredns-"]');
    assert.equal(await page.locator('.kp-svc[data-service="kube-dns"] .kp-ip').innerText(), '10.96.0.10');
  },

  async g_keyboard_only_and_aria({ page, url, out }) {
    await open(page, url);
    assert.equal(await page.locator('#term-output').getAttribute('role'), 'log');
    assert.equal(await page.locator('#term-output').getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('.kp-bar').getAttribute('role'), 'progressbar');
    await page.locator('#next-step').focus();
    await page.keyboard.press('Enter');
    // The focus moves to the new page's title; the next Tab reaches its first snippet.
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), '0');
    await page.keyboard.press('Enter');
    await waitFor(page, /deployment\.apps\/web created/);
    // Splitters move with the arrow keys.
    const sep = page.locator('.kp-splitter.v');
    const before = Number(await sep.getAttribute('aria-valuenow'));
    await sep.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((b) => Number(document.querySelector('.kp-splitter.v').getAttribute('aria-valuenow')) === b + 2, before);
    // Tabs with arrow keys.
    await page.locator('#tab-cluster').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#tab-editor').getAttribute('aria-selected') === 'true');
    // Every button and form control has a name.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, select, input, textarea, [role=button]')]
      .filter((e) => !(e.getAttribute('aria-label') || e.innerText?.trim() || e.labels?.length || e.getAttribute('title')))
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
    // A tablet: the lesson above the workspace, nothing wider than the screen.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => [document.scrollingElement, document.querySelector('.kp-app'), document.querySelector('.kp-main')]
      .map((e) => e.scrollWidth - e.clientWidth));
    assert.deepEqual(overflow, [0, 0, 0]);
    const lesson = await page.locator('.kp-lesson').boundingBox();
    const work = await page.locator('.kp-work').boundingBox();
    assert.ok(lesson.y + lesson.height <= work.y + 1, 'the lesson is above the workspace');
    await page.screenshot({ path: path.join(out, 'tablet.png') });
  },
};
