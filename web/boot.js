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

// The first files the app asks for, requested now so they arrive while the wasm compiles
// (the app takes these promises over: platform::start_fetch). The lesson is guessed as the
// app picks it (the URL's, the last one used, else the course's first); a wrong guess costs
// one small request.
const prefetch = (url) => fetch(url, { cache: 'no-cache' });
const course = prefetch('lessons/structure.json');
window.__kpPrefetch = { 'lessons/structure.json': course };
const guess = () => {
  const m = /^#\/?([A-Za-z0-9._-]+)/.exec(location.hash);
  if (m) return m[1];
  try { return JSON.parse(localStorage.getItem('kubeplay.prefs') || '{}').lesson || null; } catch (_) { return null; }
};
const lessonId = guess();
const prefetchLesson = (id) => {
  const url = `lessons/${id}/index.json`;
  if (!(url in window.__kpPrefetch)) window.__kpPrefetch[url] = prefetch(url);
};
if (lessonId) prefetchLesson(lessonId);
else {
  // The course's first lesson, read from a copy of the response (the app reads the original).
  course.then((r) => r.clone().json())
    .then((c) => { const id = c?.items?.[0]?.path; if (typeof id === 'string' && /^[A-Za-z0-9._-]+$/.test(id)) prefetchLesson(id); })
    .catch(() => {});
}

const started = performance.now();
init({ module_or_path: new URL('./kubeplay-web_bg.wasm', import.meta.url) })
  .then(() => { window.__kubeplayBootMs = performance.now() - started; })
  .catch((e) => {
    document.body.textContent = 'kubeplay could not start: ' + e;
  });
