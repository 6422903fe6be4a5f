//! The lesson panel: the steps, a progress bar driven by the step checks, the page's
//! sanitized HTML with its action buttons (one delegated click handler), the page's checks,
//! and step navigation.

use super::state::Action;
use super::Ctx;
use crate::i18n::T;
use crate::lab::pages;
use crate::lesson_html;
use crate::route;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub ctx: Ctx,
    /// The lab's lesson generation.
    pub gen: u64,
    /// Why the lesson did not load.
    pub load_error: Option<String>,
}

/// The action index of the element an event happened in, if it is a lesson action.
fn action_of(e: &Event) -> Option<(web_sys::Element, usize)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let el = target.closest("[data-action]").ok()??;
    let n = el.get_attribute("data-action")?.parse().ok()?;
    Some((el, n))
}

/// The lesson panel.
#[function_component(LessonPanel)]
pub fn lesson_panel(p: &Props) -> Html {
    let lang = p.ctx.lang;
    let d = p.ctx.dispatch.clone();
    let heading = use_node_ref();
    let article = use_node_ref();
    let first = use_mut_ref(|| true);
    let (sc, page) = {
        let lab = p.ctx.lab.borrow();
        (lab.scenario.clone(), lab.page)
    };
    // A new page: scroll to its top, and move the focus to its title (not on first load).
    {
        let heading = heading.clone();
        let article = article.clone();
        let id = sc.as_ref().map(|s| s.id.clone()).unwrap_or_default();
        use_effect_with((id, page), move |_| {
            if let Some(a) = article.cast::<web_sys::Element>() {
                a.set_scroll_top(0);
                if let Some(panel) = a.closest(".kp-lesson").ok().flatten() {
                    panel.set_scroll_top(0);
                }
            }
            if !std::mem::take(&mut *first.borrow_mut()) {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    let html = {
        let sc = sc.clone();
        use_memo((sc.as_ref().map(|s| s.id.clone()), page), move |_| {
            sc.as_ref()
                .and_then(|s| {
                    pages(s).get(page).map(|st| {
                        lesson_html::resolve_urls(&st.page.html, &format!("lessons/{}/", s.id))
                    })
                })
                .unwrap_or_default()
        })
    };
    let Some(sc) = sc else {
        let text = match &p.load_error {
            Some(e) => lang.fmt(T::LoadFailed, &[e]),
            None => lang.t(T::Loading).to_string(),
        };
        return html! { <div class="kp-lesson-inner"><p role="status">{ text }</p></div> };
    };
    let lab = p.ctx.lab.borrow();
    let ps = pages(&sc);
    let count = ps.len();
    let has_intro = !sc.intro.page.html.trim().is_empty();
    let page_label = |i: usize| -> String {
        match route::step_of(i, has_intro, sc.steps.len()) {
            route::StepRef::Intro => lang.t(T::Intro).to_string(),
            route::StepRef::Finish => lang.t(T::Finish).to_string(),
            route::StepRef::Step(n) => {
                let title = sc.steps.get(n - 1).map(|s| s.title.as_str()).unwrap_or("");
                format!("{n}. {title}")
            }
        }
    };
    let (done, total) = lab.progress();
    let has_checks = ps
        .iter()
        .any(|s| !s.checks.is_empty() || s.verify.is_some());
    let progress_text = if has_checks {
        lang.fmt(T::ChecksDone, &[&done.to_string(), &total.to_string()])
    } else {
        lang.fmt(T::PagesDone, &[&done.to_string(), &total.to_string()])
    };
    let percent = if total == 0 {
        0.0
    } else {
        done as f64 * 100.0 / total as f64
    };
    let steps_nav = html! {
        <nav class="kp-steps" aria-label={lang.t(T::Steps)}>
            <ol>
                { for (0..count).map(|i| {
                    let d = d.clone();
                    let onclick = Callback::from(move |_| d.dispatch(Action::GoPage(i)));
                    let current = i == page;
                    let is_done = lab.page_done(i);
                    html! {
                        <li>
                            <button type="button" {onclick}
                                class={classes!("kp-step", current.then_some("current"), is_done.then_some("done"))}
                                aria-current={current.then_some("step")}>
                                <span class="kp-step-mark" aria-hidden="true">{ if is_done { "✓" } else { "" } }</span>
                                { page_label(i) }
                                if is_done { <span class="kp-sr">{ format!(" ({})", lang.t(T::StepDone)) }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    };
    let step = ps.get(page).copied();
    let onclick = {
        let d = d.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((el, n)) = action_of(&e) {
                e.prevent_default();
                let _ = el.class_list().add_1("kp-clicked");
                d.dispatch(Action::LessonAction(page, n));
            }
        })
    };
    let onkeydown = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" && e.key() != " " {
                return;
            }
            if let Some((el, n)) = action_of(&e) {
                // <button>s click by themselves; <pre role=button> needs this.
                if el.tag_name().eq_ignore_ascii_case("button") {
                    return;
                }
                e.prevent_default();
                let _ = el.class_list().add_1("kp-clicked");
                d.dispatch(Action::LessonAction(page, n));
            }
        })
    };
    let checks = step.map(|st| {
        if st.checks.is_empty() && st.verify.is_none() {
            return html! {};
        }
        let verify = st.verify.is_some().then(|| {
            let d = d.clone();
            let onclick = Callback::from(move |_| d.dispatch(Action::Verify));
            let ok = lab.progress.verified.contains(&page);
            html! {
                <li class={classes!("kp-check", ok.then_some("ok"))}>
                    <span aria-hidden="true">{ if ok { "✓" } else { "○" } }</span>
                    <button type="button" class="kp-button" {onclick}>{ lang.t(T::Verify) }</button>
                    <span>{ if ok { lang.t(T::Verified) } else { lang.t(T::NotYet) } }</span>
                </li>
            }
        });
        html! {
            <section class="kp-checks" aria-label={lang.t(T::StepChecks)}>
                <h3>{ lang.t(T::StepChecks) }</h3>
                <ul>
                    { for st.checks.iter().enumerate().map(|(i, c)| {
                        let ok = lab.progress.passed.contains(&(page, i));
                        let live = lab.live.get(i).copied().unwrap_or(false);
                        html! {
                            <li class={classes!("kp-check", ok.then_some("ok"), (ok && !live).then_some("was"))}>
                                <span aria-hidden="true">{ if ok { "✓" } else { "○" } }</span>
                                <span class="kp-sr">{ if ok { lang.t(T::Verified) } else { lang.t(T::NotYet) } }{": "}</span>
                                <code>{ c.to_string() }</code>
                            </li>
                        }
                    }) }
                    { for verify }
                </ul>
            </section>
        }
    });
    let prev = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::GoPage(page.saturating_sub(1))))
    };
    let next = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::GoPage(page + 1)))
    };
    let restart = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::RestartStep))
    };
    let next_label = if page == 0 && has_intro {
        lang.t(T::Start)
    } else {
        lang.t(T::Next)
    };
    let title = step.map_or_else(String::new, |st| {
        if st.title.is_empty() {
            page_label(page)
        } else {
            st.title.clone()
        }
    });
    let meta: Vec<String> = [sc.difficulty.clone(), sc.time.clone()]
        .into_iter()
        .flatten()
        .collect();
    html! {
        <div class="kp-lesson-inner">
            <div class="kp-lesson-head">
                <h2 class="kp-lesson-title">{ sc.title.clone() }</h2>
                if !meta.is_empty() { <p class="kp-meta">{ meta.join(" · ") }</p> }
                <div class="kp-progress">
                    <div class="kp-bar" role="progressbar" aria-label={lang.t(T::Progress)}
                        aria-valuemin="0" aria-valuemax={total.to_string()} aria-valuenow={done.to_string()}
                        aria-valuetext={progress_text.clone()}>
                        <div class="kp-bar-fill" style={format!("width: {percent:.0}%")}></div>
                    </div>
                    <span class="kp-progress-text" id="progress-text">{ progress_text }</span>
                </div>
                { steps_nav }
            </div>
            <article class="kp-page" ref={article} {onclick} {onkeydown} aria-labelledby="page-title">
                <h2 id="page-title" class="kp-page-title" tabindex="-1" ref={heading}>{ title }</h2>
                { Html::from_html_unchecked(AttrValue::from((*html).clone())) }
            </article>
            { checks.unwrap_or_default() }
            <nav class="kp-pager" aria-label={lang.t(T::Steps)}>
                <button type="button" class="kp-button" onclick={prev} disabled={page == 0}>
                    { "← " }{ lang.t(T::Previous) }
                </button>
                <span class="kp-pager-pos">{ lang.fmt(T::StepOf, &[&(page + 1).to_string(), &count.to_string()]) }</span>
                <button type="button" class="kp-button" id="restart-step" onclick={restart}
                    title={lang.t(T::RestartStepTitle)}>
                    { "↺ " }{ lang.t(T::RestartStep) }
                </button>
                <button type="button" class="kp-button primary" id="next-step" onclick={next} disabled={page + 1 >= count}>
                    { next_label }{ " →" }
                </button>
            </nav>
        </div>
    }
}
