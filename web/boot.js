// Loads the wasm app with relative URLs, so the site works from any sub-path.
import init from './kubeplay-web.js';

const started = performance.now();
init({ module_or_path: new URL('./kubeplay-web_bg.wasm', import.meta.url) })
  .then(() => { window.__kubeplayBootMs = performance.now() - started; })
  .catch((e) => {
    document.body.textContent = 'kubeplay could not start: ' + e;
  });
