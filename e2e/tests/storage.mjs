// A lab that no longer fits in the browser's storage: the learner is told once, in the UI's
// words, and the page stops serializing it (tens of milliseconds for a big cluster) every few
// seconds only to fail again.
import assert from 'node:assert/strict';
import { type, waitFor } from './terminal.mjs';
import { open, waitIdle } from './lesson.mjs';

/** Before the page's scripts: fills the origin's storage but for about 16 KB, and counts the
 *  writes of each key. */
function fillStorage() {
  const counts = {};
  window.__kpWrites = counts;
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    counts[k] = (counts[k] ?? 0) + 1;
    return set.call(this, k, v);
  };
  if (localStorage.getItem('junk0') !== null) return;
  // Largest pieces first, so that what is left free is below the smallest.
  for (let size = 4 << 20, i = 0; size >= 16 << 10; size >>= 1) {
    try { set.call(localStorage, `junk${i}`, 'x'.repeat(size)); i++; } catch (_) { /* full */ }
  }
}

export const tests = {
  async a_lab_too_big_for_the_storage_is_not_saved_again({ page, url }) {
    await page.addInitScript(fillStorage);
    await open(page, url);
    // 600 pods: a saved lab of more than 1 MB.
    await type(page, 'kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=600');
    await waitFor(page, /deployment\.apps\/web created\n/);
    await waitIdle(page);
    const notice = page.locator('.kp-notice', { hasText: 'no cabe en el almacenamiento del navegador' });
    await notice.waitFor({ timeout: 10000 });
    assert.match(await notice.innerText(), /El cluster \(\d+ objetos, \d+\.\d MB\) no cabe/);
    const labWrites = () => page.evaluate(() => Object.entries(window.__kpWrites)
      .filter(([k]) => k.startsWith('kubeplay.lab.')).reduce((n, [, c]) => n + c, 0));
    const before = await labWrites();
    assert.ok(before >= 1, `the lab was tried once (${before})`);
    // More changes, and more than the 1.5 s between saves: no new try.
    await type(page, 'kubectl scale deployment web --replicas=650');
    await waitFor(page, /deployment\.apps\/web scaled\n/);
    await waitIdle(page);
    await page.waitForTimeout(4000);
    assert.equal(await labWrites(), before);
    const notices = await page.locator('.kp-notice').allInnerTexts();
    assert.equal(notices.filter((n) => n.includes('no cabe')).length, 1, notices.join(' | '));
  },
};
