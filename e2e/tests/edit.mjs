// kubectl edit in the page: the object opens in the editor, the terminal waits, "Done" saves
// and hands the file back; an unchanged file cancels, Ctrl-C abandons the edit.
import path from 'node:path';
import assert from 'node:assert/strict';
import { type, waitFor } from './terminal.mjs';
import { open, termText, waitIdle } from './lesson.mjs';

/** Waits until the editor shows a file a command waits for, and returns its text. */
async function waitEditing(page, re) {
  await page.waitForSelector('#editor-done', { timeout: 30000 });
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('#editor-text')?.value ?? ''), re.source);
  return page.inputValue('#editor-text');
}

export const tests = {
  async h_kubectl_edit_in_the_editor({ page, url, out }) {
    await open(page, url);
    await type(page, 'kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0');
    await waitFor(page, /deployment\.apps\/web created\n/);
    await waitIdle(page);
    // Edit and save: the Deployment changes.
    await type(page, 'kubectl edit deployment web');
    const text = await waitEditing(page, /^# Please edit the object below\./m);
    assert.match(text, /^  replicas: 1$/m);
    assert.match(text, /^kind: Deployment$/m);
    assert.equal(await page.locator('#term-output').getAttribute('data-busy'), 'true');
    // It opens at its first line, as vi would.
    assert.equal(await page.evaluate(() => document.querySelector('#editor-body').scrollTop), 0);
    await page.screenshot({ path: path.join(out, 'kubectl-edit.png') });
    await page.fill('#editor-text', text.replace(/^  replicas: 1$/m, '  replicas: 2'));
    await page.click('#editor-done');
    await waitFor(page, /deployment\.apps\/web edited\n/);
    await waitIdle(page);
    await type(page, 'kubectl get deployment web -o jsonpath={.spec.replicas}; echo');
    await waitFor(page, /jsonpath=\{\.spec\.replicas\}; echo\n2\n/);
    await waitIdle(page);
    // Done without a change: kubectl cancels the edit.
    let mark = (await termText(page)).length;
    await type(page, 'kubectl edit deploy/web');
    await waitEditing(page, /replicas: 2/);
    await page.click('#editor-done');
    await page.waitForFunction((m) => (document.querySelector('#term-output')?.innerText ?? '').slice(m).includes('Edit cancelled, no changes made.'), mark);
    await waitIdle(page);
    // Ctrl-C in the terminal abandons the edit and frees the editor.
    mark = (await termText(page)).length;
    await type(page, 'kubectl edit deploy/web');
    await waitEditing(page, /replicas: 2/);
    await page.locator('#term-input').focus();
    await page.keyboard.press('Control+c');
    await waitIdle(page);
    assert.equal(await page.locator('#editor-done').count(), 0);
  },
};
