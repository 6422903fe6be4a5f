// `kubectl explain` and `kubectl --help`: the page fetches the API documentation
// (dist/data/explain-v1.32.json) and the help texts (dist/data/kubectl-help/) when a command
// first asks for them, which waits for them, and says so clearly when they cannot come.
import assert from 'node:assert/strict';
import { type } from './terminal.mjs';
import { termText, waitIdle } from './lesson.mjs';

const DOCS = /\/data\/explain-v1\.32\.json$/;

/** Runs `line` and returns the terminal text it produced. */
async function run(page, line) {
  const mark = (await termText(page)).length;
  await type(page, line);
  await page.waitForFunction((m) => (document.querySelector('#term-output')?.innerText ?? '').length > m, mark);
  await waitIdle(page);
  return (await termText(page)).slice(mark);
}

export const tests = {
  async explain_fetches_the_documentation_when_asked({ page, url }) {
    let requested = false;
    page.on('request', (r) => { if (DOCS.test(r.url())) requested = true; });
    await page.goto(url);
    await page.waitForSelector('#term-input', { timeout: 30000 });
    // Nothing asked for it yet: a cold load does not fetch it.
    await page.waitForTimeout(1500);
    assert.equal(requested, false, 'the documentation was fetched before anyone asked');
    // The first `kubectl explain` waits for it.
    let o = await run(page, 'kubectl explain deployment.spec.replicas');
    assert.ok(requested, 'kubectl explain did not fetch the documentation');
    // As the real kubectl v1.32 prints it, then the next prompt (the spaces ending the
    // description's last, empty line are not in innerText).
    assert.equal(o.replace(/[ \t]+\n/g, '\n'), [
      'kubectl explain deployment.spec.replicas',
      'GROUP:      apps',
      'KIND:       Deployment',
      'VERSION:    v1',
      '',
      'FIELD: replicas <integer>',
      '',
      '',
      'DESCRIPTION:',
      '    Number of desired pods. This is a pointer to distinguish between explicit',
      '    zero and not specified. Defaults to 1.',
      '',
      '',
      'root@kind-control-plane:~# ',
    ].join('\n'));
    o = await run(page, 'kubectl explain pods --recursive | grep -c restartPolicy');
    assert.match(o, /\n[1-9]\d*\n/);
  },

  async explain_says_when_the_documentation_cannot_load({ page, url, errors }) {
    await page.route(DOCS, (r) => r.fulfill({ status: 404, body: 'not found' }));
    await page.goto(url);
    await page.waitForSelector('#term-input', { timeout: 30000 });
    // The command waits for the fetch, then says why it failed.
    const o = await run(page, 'kubectl explain deployment.spec.replicas; echo rc=$?');
    assert.match(o, /error: the API documentation could not be loaded \(data\/explain-v1\.32\.json: HTTP 404\); reload the page to try again\nrc=1\n/);
    // The browser logs the 404 itself; that is this test's point, not a page error.
    for (let i = errors.length - 1; i >= 0; i--) if (/404/.test(errors[i])) errors.splice(i, 1);
  },

  async help_fetches_its_text_when_asked({ page, url }) {
    const HELP = /\/data\/kubectl-help\/(\w+)\.txt$/;
    const fetched = [];
    page.on('request', (r) => { const m = HELP.exec(r.url()); if (m) fetched.push(m[1]); });
    await page.goto(url);
    await page.waitForSelector('#term-input', { timeout: 30000 });
    assert.deepEqual(fetched, [], 'help texts were fetched before anyone asked');
    // `--help` waits for its text; a command without one of its own gets kubectl's.
    let o = await run(page, 'kubectl get --help | head -1');
    assert.equal(o, 'kubectl get --help | head -1\nDisplay one or many resources.\nroot@kind-control-plane:~# ');
    o = await run(page, 'kubectl rollout --help | head -1; kubectl | head -1');
    assert.match(o, /\nkubectl controls the Kubernetes cluster manager\.\nkubectl controls the Kubernetes cluster manager\.\n/);
    assert.deepEqual(fetched, ['get', 'kubectl']);
  },
};
