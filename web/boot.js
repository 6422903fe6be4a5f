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
// app picks it (the URL's, the last one used, else the course's first), and the files its
// index.json names are requested as soon as it arrives. A JSON file is read here first and
// handed on as a new response, so the requests it leads to are in place before the app asks
// (a wrong guess costs a few small requests; the app fetches whatever it does not find).
window.__kpPrefetch = {};
const prefetch = (url, then) => {
  if (url in window.__kpPrefetch) return;
  let p = fetch(url, { cache: 'no-cache' });
  if (then) {
    p = p.then(async (r) => {
      if (!r.ok) return r;
      const text = await r.text();
      try { then(JSON.parse(text)); } catch (_) { /* the app reports a bad file */ }
      return new Response(text, { status: r.status, statusText: r.statusText, headers: r.headers });
    });
  }
  window.__kpPrefetch[url] = p;
};
// A plain relative path (what the app would ask for unchanged), or null.
const plain = (p) => (typeof p === 'string' && /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(p) && !p.includes('..') ? p : null);
// The files a Katacoda index.json names (the app's Scenario::referenced_files decides what
// it loads; this is only the common part of it).
const lessonFiles = (index) => {
  const d = index?.details ?? {};
  const steps = [d.intro, ...(Array.isArray(d.steps) ? d.steps : []), d.finish];
  const out = steps.flatMap((s) => (typeof s === 'string' ? [s]
    : [s?.text, ...['background', 'foreground', 'verify'].map((k) => (/\.(sh|bash)$/.test(s?.[k] ?? '') ? s[k] : null))]));
  for (const list of Object.values(d.assets ?? {})) {
    for (const a of Array.isArray(list) ? list : []) out.push(plain(a?.file) && `assets/${a.file}`);
  }
  return out.map(plain).filter(Boolean);
};
const prefetchLesson = (id) => {
  if (typeof id !== 'string' || !/^[A-Za-z0-9._-]+$/.test(id)) return;
  const base = `lessons/${id}/`;
  prefetch(`${base}index.json`, (index) => lessonFiles(index).forEach((f) => prefetch(base + f)));
};
const guess = () => {
  const m = /^#\/?([A-Za-z0-9._-]+)/.exec(location.hash);
  if (m) return m[1];
  try { return JSON.parse(localStorage.getItem('kubeplay.prefs') || '{}').lesson || null; } catch (_) { return null; }
};
const lessonId = guess();
if (lessonId) prefetchLesson(lessonId);
prefetch('lessons/structure.json', (course) => { if (!lessonId) prefetchLesson(course?.items?.[0]?.path); });

const started = performance.now();
init({ module_or_path: new URL('./kubeplay-web_bg.wasm', import.meta.url) })
  .then(() => { window.__kubeplayBootMs = performance.now() - started; })
  .catch((e) => {
    document.body.textContent = 'kubeplay could not start: ' + e;
  });
