//! The browser, as the app uses it: localStorage, fetch, the clipboard, the URL fragment,
//! the document's language and theme, and the panic hook. Every call returns an error value
//! instead of throwing.

use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Set once a panic happened: nothing is saved after that, so a half-changed state never
/// overwrites good saved data.
static DEAD: AtomicBool = AtomicBool::new(false);

/// Whether the app stopped because of a panic.
pub fn dead() -> bool {
    DEAD.load(Ordering::Relaxed)
}

fn js_error(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        let name: String = err.name().into();
        let msg: String = err.message().into();
        return format!("{name}: {msg}");
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(|e| js_error(&e))?
        .ok_or_else(|| "localStorage is not available".to_string())
}

/// Reads a key.
pub fn load(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(|e| js_error(&e))
}

/// Writes a key (quota errors come back as values).
pub fn store(key: &str, value: &str) -> Result<(), StoreError> {
    if dead() {
        return Err(StoreError::Other("stopped".into()));
    }
    storage()
        .map_err(StoreError::Other)?
        .set_item(key, value)
        .map_err(|e| match e.dyn_ref::<js_sys::Error>() {
            Some(err) if err.name() == "QuotaExceededError" => StoreError::Full,
            _ => StoreError::Other(js_error(&e)),
        })
}

/// Why a value was not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The origin's storage is full (`QuotaExceededError`).
    Full,
    /// Anything else, in the browser's words.
    Other(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Full => f.write_str("the browser's storage is full (QuotaExceededError)"),
            StoreError::Other(e) => f.write_str(e),
        }
    }
}

/// Removes a key.
pub fn remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Every key starting with `prefix`.
pub fn keys(prefix: &str) -> Vec<String> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// A request under way: the browser fetches it while the app does other things, so a
/// lesson's files load side by side instead of one after the other.
pub struct Fetch {
    url: String,
    promise: Result<js_sys::Promise, String>,
}

/// Starts fetching a file relative to the page (revalidated, never a stale copy). A request
/// boot.js started before the wasm was ready (`window.__kpPrefetch[url]`) is taken over.
pub fn start_fetch(url: &str) -> Fetch {
    let promise = (|| {
        let window = web_sys::window().ok_or("no window")?;
        if let Some(p) = take_prefetched(&window, url) {
            return Ok(p);
        }
        let init = web_sys::RequestInit::new();
        init.set_cache(web_sys::RequestCache::NoCache);
        Ok(window.fetch_with_str_and_init(url, &init))
    })();
    Fetch {
        url: url.to_string(),
        promise,
    }
}

/// The promise boot.js left for `url`, removed so that a later fetch is a fresh one.
fn take_prefetched(window: &web_sys::Window, url: &str) -> Option<js_sys::Promise> {
    let map = js_sys::Reflect::get(window, &"__kpPrefetch".into()).ok()?;
    if !map.is_object() {
        return None;
    }
    let p = js_sys::Reflect::get(&map, &url.into()).ok()?;
    let _ = js_sys::Reflect::delete_property(map.unchecked_ref::<js_sys::Object>(), &url.into());
    p.dyn_into::<js_sys::Promise>().ok()
}

impl Fetch {
    async fn response(self) -> Result<(String, web_sys::Response), String> {
        let url = self.url;
        let promise = self.promise.map_err(|e| format!("{url}: {e}"))?;
        let resp = JsFuture::from(promise)
            .await
            .map_err(|e| format!("{url}: {}", js_error(&e)))?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| format!("{url}: no response"))?;
        if !resp.ok() {
            return Err(format!("{url}: HTTP {}", resp.status()));
        }
        Ok((url, resp))
    }

    /// The body as text.
    pub async fn text(self) -> Result<String, String> {
        let (url, resp) = self.response().await?;
        let text = JsFuture::from(resp.text().map_err(|e| js_error(&e))?)
            .await
            .map_err(|e| format!("{url}: {}", js_error(&e)))?;
        text.as_string().ok_or_else(|| format!("{url}: not text"))
    }

    /// The body's bytes.
    pub async fn bytes(self) -> Result<Vec<u8>, String> {
        let (url, resp) = self.response().await?;
        let buf = JsFuture::from(resp.array_buffer().map_err(|e| js_error(&e))?)
            .await
            .map_err(|e| format!("{url}: {}", js_error(&e)))?;
        Ok(js_sys::Uint8Array::new(&buf).to_vec())
    }
}

/// Fetches a text file relative to the page.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    start_fetch(url).text().await
}

/// Copies text to the clipboard: the async Clipboard API where the page may use it, else a
/// hidden text area and `execCommand("copy")`. Returns false when neither worked.
pub fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let nav = window.navigator();
    let has_api = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if has_api && window.is_secure_context() {
        let promise = nav.clipboard().write_text(text);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
        return true;
    }
    let Some(doc) = window.document() else {
        return false;
    };
    let Ok(el) = doc.create_element("textarea") else {
        return false;
    };
    let Ok(ta) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    ta.set_value(text);
    let _ = ta.set_attribute("style", "position:fixed;opacity:0;top:0;left:0");
    let Some(body) = doc.body() else {
        return false;
    };
    let _ = body.append_child(&ta);
    ta.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    ta.remove();
    ok
}

/// The URL's fragment (`#/lesson/1`).
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the URL's fragment without a history entry or a `hashchange`.
pub fn set_hash(fragment: &str) {
    let Some(w) = web_sys::window() else {
        return;
    };
    if w.location().hash().ok().as_deref() == Some(fragment) {
        return;
    }
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(fragment));
    }
}

/// `<html lang>` and `data-theme`.
pub fn set_document(lang: &str, theme: &str) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = el.set_attribute("lang", lang);
    if theme == "light" || theme == "dark" {
        let _ = el.set_attribute("data-theme", theme);
    } else {
        let _ = el.remove_attribute("data-theme");
    }
}

/// A yes/no question (the browser's own dialog, keyboard-accessible).
pub fn confirm(text: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(text).ok())
        .unwrap_or(false)
}

/// Marks a point of the page's start on the Performance timeline (`performance.mark`), where
/// `cargo xtask bench` reads how a cold load is spent.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Removes the element with this id, if there is one (index.html's loading text).
pub fn remove_element(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.remove();
    }
}

/// Milliseconds since the epoch.
pub fn wall_ms() -> f64 {
    js_sys::Date::now()
}

/// Focuses an element by id.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Shows a panic as a dialog over the page (Spanish and English: the app may not know its
/// language any more) and stops saving; `web/boot.js` handles its buttons.
/// Installed through Yew, which would otherwise replace it with its own when the app mounts.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        DEAD.store(true, Ordering::Relaxed);
        let msg = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!("kubeplay: {msg}")));
        show_crash(&msg);
    }));
}

fn show_crash(msg: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("kp-crash").is_some() {
        return;
    }
    let Ok(el) = doc.create_element("div") else {
        return;
    };
    el.set_id("kp-crash");
    let _ = el.set_attribute("role", "alertdialog");
    let _ = el.set_attribute("aria-modal", "true");
    let _ = el.set_attribute("aria-labelledby", "kp-crash-title");
    let text = |tag: &str, s: &str, attrs: &[(&str, &str)]| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(s));
        for (k, v) in attrs {
            let _ = e.set_attribute(k, v);
        }
        Some(e)
    };
    let parts = [
        text(
            "h2",
            "kubeplay se ha detenido por un error interno / kubeplay stopped because of an internal error",
            &[("id", "kp-crash-title")],
        ),
        text(
            "p",
            "Tu trabajo guardado no se ha tocado: recarga la página para seguir. / Your saved work was not touched: reload the page to go on.",
            &[],
        ),
        text("pre", msg, &[]),
        text(
            "button",
            "Recargar / Reload",
            &[("type", "button"), ("data-kp-rescue", "reload")],
        ),
        text(
            "button",
            "Empezar de cero (borra el laboratorio guardado) / Start fresh (deletes the saved lab)",
            &[("type", "button"), ("data-kp-rescue", "fresh")],
        ),
    ];
    for p in parts.into_iter().flatten() {
        let _ = el.append_child(&p);
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&el);
    }
    if let Some(b) = el
        .query_selector("button")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = b.focus();
    }
}
