//! The page: header, lesson panel, and the workspace (cluster view or editor above the
//! terminals), with resizable splits; the clock, loading, saving and the URL.

use super::cluster_view::ClusterView;
use super::editor::EditorPane;
use super::lesson_panel::LessonPanel;
use super::platform;
use super::state::{Action, AppState, Focus, Tab};
use super::terminal::Terminals;
use super::Ctx;
use crate::i18n::{Lang, T};
use crate::route;
use gloo::timers::callback::Interval;
use lesson::{Course, Files, Scenario};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// How often the clock ticks, in milliseconds.
const TICK_MS: u32 = 200;

async fn fetch_course() -> Result<Course, String> {
    let text = platform::fetch_text("lessons/structure.json").await?;
    Course::parse("structure.json", &text).map_err(|e| e.to_string())
}

async fn fetch_lesson(id: &str) -> Result<Box<Scenario>, String> {
    let base = format!("lessons/{id}/");
    let index = platform::fetch_text(&format!("{base}index.json")).await?;
    let mut files = Files::new();
    // Every request first, then the answers: the files load side by side.
    let pending: Vec<_> = Scenario::referenced_files(&index)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|f| {
            let req = platform::start_fetch(&format!("{base}{f}"));
            (f, req)
        })
        .collect();
    for (f, req) in pending {
        // A missing file is reported by the loader, naming where index.json asks for it.
        if let Ok(bytes) = req.bytes().await {
            files.insert(f, bytes);
        }
    }
    files.insert("index.json".into(), index.into_bytes());
    Scenario::from_files(id, &files)
        .map(Box::new)
        .map_err(|e| e.to_string())
}

/// Where dist/ has the API documentation `kubectl explain` prints (index.html copies it).
const EXPLAIN_URL: &str = "data/explain-v1.32.json";

/// Fetches the API documentation once, when a `kubectl explain` first waits for it
/// (`explain::wanted`), and installs it; a failed fetch is reported there
/// (`explain::unavailable`), which ends the waiting command with the reason.
fn fetch_explain_docs() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::Relaxed) || shell::kubectl::explain::installed() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let r = platform::fetch_text(EXPLAIN_URL)
            .await
            .and_then(|text| shell::kubectl::explain::install(&text));
        if let Err(e) = r {
            web_sys::console::warn_1(&format!("kubectl explain: {e}").into());
            shell::kubectl::explain::unavailable(&e);
        }
    });
}

/// Fetches the help text of `topic` (dist/data/kubectl-help/TOPIC.txt), which a waiting
/// `kubectl --help` asked for, and installs it, or reports why it could not.
fn fetch_help(topic: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let url = format!("data/kubectl-help/{topic}.txt");
        match platform::fetch_text(&url).await {
            Ok(text) => shell::kubectl::help::install(&topic, &text),
            Err(e) => {
                web_sys::console::warn_1(&format!("kubectl help: {e}").into());
                shell::kubectl::help::unavailable(&topic, &e);
            }
        }
    });
}

fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    f: impl FnMut(web_sys::Event) + 'static,
) -> Option<Closure<dyn FnMut(web_sys::Event)>> {
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    target
        .add_event_listener_with_callback(event, cb.as_ref().unchecked_ref())
        .ok()?;
    Some(cb)
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::new);
    // The clock, the course, and page-wide events.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            platform::mark("kp-first-render");
            let d = dispatch.clone();
            // After a panic the app's cells may be half-changed: nothing runs any more.
            let interval = Interval::new(TICK_MS, move || {
                if !platform::dead() {
                    if shell::kubectl::explain::wanted() {
                        fetch_explain_docs();
                    }
                    for topic in shell::kubectl::help::wanted() {
                        fetch_help(topic);
                    }
                    d.dispatch(Action::Tick)
                }
            });
            let d = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let course = fetch_course().await;
                platform::mark("kp-course");
                d.dispatch(Action::CourseLoaded(course));
            });
            let mut closures = Vec::new();
            if let Some(w) = web_sys::window() {
                let d = dispatch.clone();
                closures.extend(listen(&w, "hashchange", move |_| {
                    if platform::dead() {
                        return;
                    }
                    if let Some(r) = route::parse(&platform::hash()) {
                        d.dispatch(Action::Navigate(r));
                    }
                }));
                let d = dispatch.clone();
                closures.extend(listen(&w, "pagehide", move |_| {
                    if !platform::dead() {
                        d.dispatch(Action::SaveNow)
                    }
                }));
                if let Some(doc) = w.document() {
                    let d = dispatch.clone();
                    let doc2 = doc.clone();
                    closures.extend(listen(&doc, "visibilitychange", move |_| {
                        if doc2.hidden() && !platform::dead() {
                            d.dispatch(Action::SaveNow);
                        }
                    }));
                }
            }
            // The app lives as long as the page: its listeners too.
            closures.into_iter().for_each(Closure::forget);
            move || drop(interval)
        });
    }
    // Fetch a lesson when one is asked for.
    {
        let dispatch = state.dispatcher();
        let wanted = state
            .loading
            .as_ref()
            .filter(|(id, _)| !state.scenarios.contains_key(id))
            .map(|(id, _)| id.clone());
        use_effect_with(wanted, move |wanted| {
            if let Some(id) = wanted.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let r = fetch_lesson(&id).await;
                    platform::mark("kp-lesson");
                    dispatch.dispatch(Action::LessonLoaded(id, r));
                });
            }
        });
    }
    let lang = state.lang();
    // The document's language and theme.
    {
        let theme = state.prefs.theme.clone();
        use_effect_with((lang, theme), |(lang, theme)| {
            platform::set_document(lang.code(), theme);
        });
    }
    // The URL follows the page shown.
    let (lesson_id, page, lesson_gen) = state.lab.as_ref().map_or((String::new(), 0, 0), |l| {
        let l = l.borrow();
        (l.lesson_id.clone(), l.page, l.lesson_gen)
    });
    {
        let lab = state.lab.clone();
        use_effect_with((lesson_id.clone(), page), move |(id, page)| {
            if let Some(sc) = lab.and_then(|l| l.borrow().scenario.clone()) {
                if !id.is_empty() {
                    let has_intro = !sc.intro.page.html.trim().is_empty();
                    let step = route::step_of(*page, has_intro, sc.steps.len());
                    platform::set_hash(&route::format(id, &step));
                }
            }
        });
    }

    let dispatch = state.dispatcher();
    let header = html! {
        <Header
            course={state.course.clone()}
            lesson={lesson_id.clone()}
            lang={lang}
            lang_pref={state.prefs.lang.clone()}
            theme={state.prefs.theme.clone()}
            speed={state.prefs.speed}
            has_lab={state.lab.is_some()}
            dispatch={dispatch.clone()}
        />
    };
    let notices = html! {
        <div class="kp-notices">
            { for state.notices.iter().map(|n| {
                let id = n.id;
                let d = dispatch.clone();
                let onclick = Callback::from(move |_| d.dispatch(Action::Dismiss(id)));
                html! {
                    <div class={classes!("kp-notice", n.error.then_some("error"))}
                         role={if n.error { "alert" } else { "status" }}>
                        <span>{ n.text.clone() }</span>
                        <button type="button" class="kp-icon" aria-label={lang.t(T::Dismiss)} {onclick}>{"×"}</button>
                    </div>
                }
            }) }
        </div>
    };
    let Some(lab) = state.lab.clone() else {
        let text = match &state.load_error {
            Some(e) => lang.fmt(T::LoadFailed, &[e]),
            None => lang.t(T::Loading).to_string(),
        };
        return html! {
            <div class="kp-app">
                { header }
                <main class="kp-loading" aria-busy="true"><p role="status">{ text }</p></main>
                { notices }
            </div>
        };
    };
    let ctx = Ctx {
        dispatch: dispatch.clone(),
        lab: lab.clone(),
        lang,
    };
    let (term_gens, active_term, cluster_gen, editor_gen) = {
        let l = lab.borrow();
        let gens: Vec<u64> = (0..l.term_count())
            .map(|t| l.term(t).map_or(0, |x| x.gen))
            .collect();
        (gens, l.active, l.cluster_gen, l.editor.gen)
    };
    let style = format!(
        "--split: {:.1}%; --tsplit: {:.1}%;",
        state.prefs.split, state.prefs.term_split
    );
    let tab = state.tab;
    let tab_button = |t: Tab, label: &str, id: &str, panel: &str| {
        let d = dispatch.clone();
        let selected = tab == t;
        let onclick = Callback::from(move |_| d.dispatch(Action::SetTab(t)));
        let d = dispatch.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            let other = if t == Tab::Cluster {
                Tab::Editor
            } else {
                Tab::Cluster
            };
            if e.key() == "ArrowRight" || e.key() == "ArrowLeft" {
                e.prevent_default();
                d.dispatch(Action::SetTab(other));
                platform::focus(if other == Tab::Cluster {
                    "tab-cluster"
                } else {
                    "tab-editor"
                });
            }
        });
        html! {
            <button type="button" role="tab" id={id.to_string()} aria-selected={selected.to_string()}
                aria-controls={panel.to_string()} tabindex={if selected { "0" } else { "-1" }}
                class={classes!("kp-tab", selected.then_some("active"))} {onclick} {onkeydown}>
                { label.to_string() }
            </button>
        }
    };
    let editor_count = lab.borrow().editor.buffers.len();
    let editor_label = if editor_count > 0 {
        format!("{} ({editor_count})", lang.t(T::Editor))
    } else {
        lang.t(T::Editor).to_string()
    };
    let focus = state.focus;
    html! {
        <div class="kp-app" {style}>
            { header }
            <main class="kp-main">
                <section class="kp-lesson" aria-label={lang.t(T::LessonPanel)}>
                    <LessonPanel ctx={ctx.clone()} gen={lesson_gen} load_error={state.load_error.clone()} />
                </section>
                <Splitter vertical={true} value={state.prefs.split} label={lang.t(T::ResizeLesson)}
                    dispatch={dispatch.clone()} />
                <section class="kp-work" aria-label={lang.t(T::Workspace)}>
                    <div class="kp-top">
                        <div class="kp-tabs" role="tablist" aria-label={lang.t(T::Workspace)}>
                            { tab_button(Tab::Cluster, lang.t(T::Cluster), "tab-cluster", "panel-cluster") }
                            { tab_button(Tab::Editor, &editor_label, "tab-editor", "panel-editor") }
                        </div>
                        <div id="panel-cluster" role="tabpanel" aria-labelledby="tab-cluster" class="kp-panel" hidden={tab != Tab::Cluster}>
                            if tab == Tab::Cluster {
                                <ClusterView ctx={ctx.clone()} gen={cluster_gen} />
                            }
                        </div>
                        <div id="panel-editor" role="tabpanel" aria-labelledby="tab-editor" class="kp-panel" hidden={tab != Tab::Editor}>
                            <EditorPane ctx={ctx.clone()} gen={editor_gen}
                                focus={if focus.1 == Focus::Editor { focus.0 } else { 0 }} />
                        </div>
                    </div>
                    <Splitter vertical={false} value={state.prefs.term_split} label={lang.t(T::ResizeTerminal)}
                        dispatch={dispatch.clone()} />
                    <div class="kp-bottom">
                        <Terminals ctx={ctx} gens={term_gens} active={active_term}
                            focus={if focus.1 == Focus::Terminal { focus.0 } else { 0 }} />
                    </div>
                </section>
            </main>
            { notices }
        </div>
    }
}

/// Header props.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub course: Option<std::rc::Rc<Course>>,
    pub lesson: String,
    pub lang: Lang,
    pub lang_pref: Option<String>,
    pub theme: String,
    pub speed: f64,
    pub has_lab: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The header: lesson picker, clock speed, language, theme, reset.
#[function_component(Header)]
pub fn header(p: &HeaderProps) -> Html {
    let lang = p.lang;
    let d = p.dispatch.clone();
    let on_lesson = Callback::from(move |e: Event| {
        let v = select_value(&e);
        if !v.is_empty() {
            d.dispatch(Action::PickLesson(v));
        }
    });
    let d = p.dispatch.clone();
    let on_speed = Callback::from(move |e: Event| {
        if let Ok(x) = select_value(&e).parse::<f64>() {
            d.dispatch(Action::SetSpeed(x));
        }
    });
    let d = p.dispatch.clone();
    let on_lang = Callback::from(move |e: Event| {
        let v = select_value(&e);
        d.dispatch(Action::SetLang(match v.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }));
    });
    let d = p.dispatch.clone();
    let on_theme = Callback::from(move |e: Event| d.dispatch(Action::SetTheme(select_value(&e))));
    let d = p.dispatch.clone();
    let confirm_text = lang.t(T::ResetConfirm);
    let on_reset = Callback::from(move |_| {
        if platform::confirm(confirm_text) {
            d.dispatch(Action::ResetLesson);
        }
    });
    let lessons = p
        .course
        .as_ref()
        .map(|c| c.lessons.clone())
        .unwrap_or_default();
    let known = lessons.iter().any(|e| e.path == p.lesson);
    let speeds = [1.0, 2.0, 5.0, 10.0, 30.0];
    let lang_value = p.lang_pref.clone().unwrap_or_else(|| "auto".into());
    html! {
        <header class="kp-header">
            <h1 class="kp-logo"><span aria-hidden="true">{"⎈ "}</span>{"kubeplay"}</h1>
            <label class="kp-field kp-lesson-pick">
                <span class="kp-label">{ lang.t(T::Lesson) }</span>
                <select id="lesson-picker" onchange={on_lesson}>
                    if !known {
                        <option value="" selected=true>{ p.lesson.clone() }</option>
                    }
                    { for lessons.iter().map(|e| html! {
                        <option value={e.path.clone()} selected={e.path == p.lesson}>
                            { e.title.clone().unwrap_or_else(|| e.path.clone()) }
                        </option>
                    }) }
                </select>
            </label>
            <span class="kp-spacer"></span>
            <label class="kp-field">
                <span class="kp-label">{ lang.t(T::Speed) }</span>
                <select id="speed" onchange={on_speed}>
                    { for speeds.iter().map(|x| html! {
                        <option value={x.to_string()} selected={(p.speed - x).abs() < 1e-6}>{ format!("×{x}") }</option>
                    }) }
                    if !speeds.iter().any(|x| (p.speed - x).abs() < 1e-6) {
                        <option value={p.speed.to_string()} selected=true>{ format!("×{}", p.speed) }</option>
                    }
                </select>
            </label>
            <label class="kp-field">
                <span class="kp-label">{ lang.t(T::Language) }</span>
                <select id="ui-lang" onchange={on_lang}>
                    <option value="auto" selected={lang_value == "auto"}>{ lang.t(T::LangAuto) }</option>
                    <option value="es" lang="es" selected={lang_value == "es"}>{"Español"}</option>
                    <option value="en" lang="en" selected={lang_value == "en"}>{"English"}</option>
                </select>
            </label>
            <label class="kp-field">
                <span class="kp-label">{ lang.t(T::Theme) }</span>
                <select id="theme" onchange={on_theme}>
                    <option value="auto" selected={p.theme == "auto"}>{ lang.t(T::ThemeAuto) }</option>
                    <option value="light" selected={p.theme == "light"}>{ lang.t(T::ThemeLight) }</option>
                    <option value="dark" selected={p.theme == "dark"}>{ lang.t(T::ThemeDark) }</option>
                </select>
            </label>
            <button type="button" id="reset-lesson" class="kp-button" onclick={on_reset} disabled={!p.has_lab}>
                { lang.t(T::ResetLesson) }
            </button>
        </header>
    }
}

/// Splitter props.
#[derive(Properties, PartialEq)]
pub struct SplitterProps {
    /// Between left and right (true) or top and bottom (false).
    pub vertical: bool,
    /// Percent.
    pub value: f64,
    pub label: &'static str,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// A draggable, keyboard-operable separator between panes.
#[function_component(Splitter)]
pub fn splitter(p: &SplitterProps) -> Html {
    let vertical = p.vertical;
    let dragging = use_mut_ref(|| false);
    let value = use_mut_ref(|| p.value);
    let set = {
        let d = p.dispatch.clone();
        move |v: f64| {
            d.dispatch(if vertical {
                Action::SetSplit(v)
            } else {
                Action::SetTermSplit(v)
            })
        }
    };
    let percent = move |e: &PointerEvent, el: &web_sys::Element| -> Option<f64> {
        let parent = el.parent_element()?;
        let r = parent.get_bounding_client_rect();
        let v = if vertical {
            (f64::from(e.client_x()) - r.left()) / r.width() * 100.0
        } else {
            (f64::from(e.client_y()) - r.top()) / r.height() * 100.0
        };
        v.is_finite().then_some(v)
    };
    let var = if vertical { "--split" } else { "--tsplit" };
    let onpointerdown = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
                *dragging.borrow_mut() = true;
                e.prevent_default();
            }
        })
    };
    let onpointermove = {
        let dragging = dragging.clone();
        let value = value.clone();
        Callback::from(move |e: PointerEvent| {
            if !*dragging.borrow() {
                return;
            }
            let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            if let Some(v) = percent(&e, &el) {
                let v = if vertical {
                    v.clamp(15.0, 75.0)
                } else {
                    v.clamp(10.0, 85.0)
                };
                *value.borrow_mut() = v;
                // Live feedback without a re-render: the app's CSS variable.
                if let Some(app) = el.closest(".kp-app").ok().flatten() {
                    if let Ok(h) = app.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.style().set_property(var, &format!("{v:.1}%"));
                    }
                }
            }
        })
    };
    let onpointerup = {
        let dragging = dragging.clone();
        let value = value.clone();
        let set = set.clone();
        Callback::from(move |_: PointerEvent| {
            if std::mem::take(&mut *dragging.borrow_mut()) {
                set(*value.borrow());
            }
        })
    };
    let onkeydown = {
        let current = p.value;
        Callback::from(move |e: KeyboardEvent| {
            let step = if e.shift_key() { 10.0 } else { 2.0 };
            let (less, more) = if vertical {
                ("ArrowLeft", "ArrowRight")
            } else {
                ("ArrowUp", "ArrowDown")
            };
            let k = e.key();
            let v = if k == less {
                current - step
            } else if k == more {
                current + step
            } else if k == "Home" {
                0.0
            } else if k == "End" {
                100.0
            } else {
                return;
            };
            e.prevent_default();
            set(v);
        })
    };
    html! {
        <div class={classes!("kp-splitter", if vertical { "v" } else { "h" })}
            role="separator" tabindex="0"
            aria-orientation={if vertical { "vertical" } else { "horizontal" }}
            aria-label={p.label} aria-valuemin="0" aria-valuemax="100"
            aria-valuenow={format!("{:.0}", p.value)}
            {onpointerdown} {onpointermove} {onpointerup} {onkeydown}>
        </div>
    }
}
