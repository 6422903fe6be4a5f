// Loads the wasm app with relative URLs, so the site works from any sub-path; and handles the
// buttons of the dialog the app shows if it ever stops on an internal error (the wasm module
// cannot run any more at that point, so they live here).
import init from './kubeplay-web.js';

document.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('[data-kp-rescue]') : null;
  if (!b) return;
  if (b.dataset.kpRescue === 'fresh') {
    // The saved labs are moved aside (kubeplay.broken.*), never silently lost.
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k && (k.startsWith('kubeplay.lab.') || k.startsWith('kubeplay.snap.'))) {
        try { localStorage.setItem('kubeplay.broken.' + k.slice(9), localStorage.getItem(k)); } catch (_) { /* full */ }
        localStorage.removeItem(k);
      }
    }
  }
  location.reload();
});

const started = performance.now();
init({ module_or_path: new URL('./kubeplay-web_bg.wasm', import.meta.url) })
  .then(() => { window.__kubeplayBootMs = performance.now() - started; })
  .catch((e) => {
    document.body.textContent = 'kubeplay could not start: ' + e;
  });
