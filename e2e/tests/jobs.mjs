// Background jobs in the page: `kubectl port-forward ... &` keeps running while the prompt is
// back, `curl localhost:8080` reaches the pod through it and the job says so; `kill %1` ends
// it; `watch` redraws on a cleared screen until Ctrl-C.
import assert from 'node:assert/strict';
import { type, waitFor } from './terminal.mjs';
import { open, termText, waitIdle } from './lesson.mjs';

export const tests = {
  async i_port_forward_in_the_background({ page, url }) {
    await open(page, url);
    await type(page, 'kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0');
    await waitFor(page, /deployment\.apps\/web created\n/);
    await waitIdle(page);
    await type(page, 'kubectl wait --for=condition=Available deployment/web --timeout=60s');
    await waitFor(page, /deployment\.apps\/web condition met\n/, 60000);
    await waitIdle(page);
    await type(page, 'kubectl port-forward deployment/web 8080:8080 &');
    await waitFor(page, /\[1\] \d+\n/);
    await waitFor(page, /Forwarding from 127\.0\.0\.1:8080 -> 8080\n/);
    await waitIdle(page);
    // The prompt is back while the job runs.
    assert.equal(await page.locator('#term-output').getAttribute('data-busy'), 'false');
    await type(page, 'curl -s localhost:8080');
    await waitFor(page, /Hello, world!\nVersion: 1\.0\.0\nHostname: web-/);
    await waitFor(page, /Handling connection for 8080\n/);
    await waitIdle(page);
    await type(page, 'jobs');
    await waitFor(page, /\[1\]\+  Running +kubectl port-forward deployment\/web 8080:8080 &\n/);
    await waitIdle(page);
    await type(page, 'kill %1');
    await waitFor(page, /\[1\]\+  Terminated +kubectl port-forward deployment\/web 8080:8080\n/);
    await waitIdle(page);
    await type(page, 'curl -s localhost:8080; echo "rc=$?"');
    await waitFor(page, /rc=7\n/);
    await waitIdle(page);
    // `watch` clears the screen at each run, until Ctrl-C.
    await type(page, 'watch -n 1 kubectl get deploy');
    await waitFor(page, /Every 1\.0s: kubectl get deploy +kind-control-plane: /);
    await page.waitForFunction(() => !(document.querySelector('#term-output')?.innerText ?? '').includes('Hello, world!'));
    const text = await termText(page);
    assert.match(text, /NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +1\/1 /);
    await page.locator('#term-input').focus();
    await page.keyboard.press('Control+c');
    await waitIdle(page);
  },
};
