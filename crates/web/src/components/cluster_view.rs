//! The cluster view: nodes, Services (ClusterIP, ports, endpoints, which pod answered last),
//! workloads with their pods (name, IP, status), and recent connections. A namespace choice
//! and a name filter keep it usable with hundreds of pods.

use super::Ctx;
use crate::cluster_model::{build, Group, PodView, ServiceView};
use crate::i18n::{Lang, T};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub ctx: Ctx,
    /// The lab's cluster generation.
    pub gen: u64,
}

fn pod_chip(p: &PodView, lang: Lang, prefix: Option<&str>) -> Html {
    let title = format!(
        "{}\nIP: {}\n{}: {}/{}\nnode: {}",
        p.name,
        if p.ip.is_empty() { "-" } else { &p.ip },
        lang.t(T::Ready),
        p.ready.0,
        p.ready.1,
        p.node
    );
    html! {
        <li class={classes!("kp-pod", p.health.class(), (p.hits > 0).then_some("hit"), p.last.then_some("last"))}
            title={title} data-pod={p.name.clone()}>
            <span class="kp-pod-name">{
                // Many pods: their unique suffix is what tells them apart.
                match prefix.and_then(|pre| p.name.strip_prefix(pre)) {
                    Some(rest) => format!("…{rest}"),
                    None => p.name.clone(),
                }
            }</span>
            <span class="kp-pod-ip">{ if p.ip.is_empty() { "—".to_string() } else { p.ip.clone() } }</span>
            <span class="kp-pod-status">{ format!("{} {}/{}", p.status, p.ready.0, p.ready.1) }</span>
            if p.hits > 0 {
                <span class="kp-pod-hits" title={lang.fmt(T::Hits, &[&p.hits.to_string()])}>
                    { if p.last { format!("← {} ({})", lang.t(T::Answered), p.hits) } else { format!("({})", p.hits) } }
                </span>
            }
        </li>
    }
}

fn group(g: &Group, lang: Lang) -> Html {
    let title = if g.kind.is_empty() {
        html! { <span>{ lang.t(T::Standalone) }</span> }
    } else {
        html! {
            <>
                if let Some(o) = &g.owner {
                    <span class="kp-kind">{"Deployment "}</span><strong>{ o.clone() }</strong>{ " › " }
                }
                <span class="kp-kind">{ format!("{} ", g.kind) }</span><strong>{ g.name.clone() }</strong>
                if let Some((want, ready)) = g.replicas {
                    <span class="kp-count">{ format!(" {ready}/{want} {}", lang.t(T::Ready)) }</span>
                }
            </>
        }
    };
    let compact = g.pods.len() > 24;
    let prefix = (compact && !g.name.is_empty()).then(|| format!("{}-", g.name));
    html! {
        <div class="kp-group">
            <h4>{ title }</h4>
            if g.pods.is_empty() {
                <p class="kp-muted">{ lang.t(T::NoPods) }</p>
            } else {
                <ul class={classes!("kp-pods", compact.then_some("compact"))}>
                    { for g.pods.iter().map(|p| pod_chip(p, lang, prefix.as_deref())) }
                </ul>
            }
        </div>
    }
}

fn service(s: &ServiceView, lang: Lang) -> Html {
    let last = s.last.as_ref().map(|(pod, _)| pod.clone());
    html! {
        <li class="kp-svc" data-service={s.name.clone()}>
            <div class="kp-svc-head">
                <strong>{ s.name.clone() }</strong>
                <span class="kp-kind">{ format!(" {}", s.kind) }</span>
                <code class="kp-ip" title="CLUSTER-IP">{ s.cluster_ip.clone() }</code>
                <span class="kp-ports">{ s.ports.clone() }</span>
                if !s.selector.is_empty() { <span class="kp-muted">{ format!(" {}", s.selector) }</span> }
            </div>
            <div class="kp-eps">
                <span class="kp-label">{ lang.t(T::Endpoints) }{ ": " }</span>
                if s.endpoints.is_empty() {
                    <span class="kp-muted">{ lang.t(T::NoEndpoints) }</span>
                }
                { for s.endpoints.iter().map(|e| {
                    let answered = last.as_deref() == Some(e.pod.as_str());
                    html! {
                        <span class={classes!("kp-ep", (!e.ready).then_some("notready"), answered.then_some("last"))}
                            title={e.pod.clone()}>
                            { e.ip.clone() }
                        </span>
                    }
                }) }
            </div>
            if let Some(pod) = last {
                <div class="kp-svc-last">{ lang.fmt(T::LastAnswer, &[&pod]) }</div>
            }
        </li>
    }
}

/// The cluster view.
#[function_component(ClusterView)]
pub fn cluster_view(p: &Props) -> Html {
    let lang = p.ctx.lang;
    let namespace = use_state(|| "default".to_string());
    let filter = use_state(String::new);
    let lab = p.ctx.lab.borrow();
    let ns = (*namespace != "*").then(|| namespace.as_str());
    let v = build(lab.host().cluster(), ns, &filter);
    let on_ns = {
        let namespace = namespace.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                namespace.set(s.value());
            }
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                filter.set(i.value());
            }
        })
    };
    let [ok, starting, bad, gone] = v.counts;
    let summary = lang.fmt(
        T::PodsSummary,
        &[
            &v.pod_count.to_string(),
            &ok.to_string(),
            &starting.to_string(),
            &bad.to_string(),
            &gone.to_string(),
        ],
    );
    html! {
        <div class="kp-cluster" aria-label={lang.t(T::ClusterView)}>
            <div class="kp-cluster-bar">
                <label class="kp-field">
                    <span class="kp-label">{ lang.t(T::Namespace) }</span>
                    <select id="cluster-ns" onchange={on_ns}>
                        <option value="*" selected={*namespace == "*"}>{ lang.t(T::AllNamespaces) }</option>
                        { for v.namespaces.iter().map(|n| html! {
                            <option value={n.clone()} selected={*namespace == *n}>{ n.clone() }</option>
                        }) }
                    </select>
                </label>
                <label class="kp-field">
                    <span class="kp-label">{ lang.t(T::Filter) }</span>
                    <input id="cluster-filter" type="search" value={(*filter).clone()} oninput={on_filter}
                        autocomplete="off" spellcheck="false" />
                </label>
                <span class="kp-summary" id="cluster-summary">{ summary }</span>
            </div>
            <div class="kp-cluster-cols">
            <section class="kp-services" aria-labelledby="h-svcs">
                <h3 id="h-svcs">{ lang.t(T::Services) }</h3>
                <ul>{ for v.services.iter().map(|s| service(s, lang)) }</ul>
            </section>
            <section class="kp-workloads" aria-labelledby="h-work">
                <h3 id="h-work">{ lang.t(T::Workloads) }</h3>
                if v.groups.is_empty() {
                    <p class="kp-muted">{ lang.t(T::NoPods) }</p>
                }
                { for v.groups.iter().map(|g| group(g, lang)) }
            </section>
            </div>
            <section class="kp-nodes" aria-labelledby="h-nodes">
                <h3 id="h-nodes">{ lang.t(T::Nodes) }</h3>
                <ul>
                    { for v.nodes.iter().map(|n| html! {
                        <li class={classes!("kp-node", if n.ready { "ok" } else { "bad" })}>
                            <strong>{ n.name.clone() }</strong>
                            <span>{ if n.ready { " Ready" } else { " NotReady" } }</span>
                            if !n.roles.is_empty() { <span class="kp-muted">{ format!(" {}", n.roles) }</span> }
                            <code class="kp-ip">{ n.ip.clone() }</code>
                            <span class="kp-muted">{ format!(" {} {}", n.pods, lang.t(T::Pods).to_lowercase()) }</span>
                        </li>
                    }) }
                </ul>
            </section>
            <section class="kp-flows" aria-labelledby="h-flows">
                <h3 id="h-flows">{ lang.t(T::Recent) }</h3>
                if v.flows.is_empty() {
                    <p class="kp-muted">{ lang.t(T::NoFlows) }</p>
                } else {
                    <ol>
                        { for v.flows.iter().map(|f| html! {
                            <li>
                                <code>{ f.service.clone() }</code>{ " → " }<strong>{ f.pod.clone() }</strong>
                                <span class="kp-muted">{ format!(" · {}", lang.fmt(T::SecondsAgo, &[&(f.ago / 1000).to_string()])) }</span>
                            </li>
                        }) }
                    </ol>
                }
            </section>
        </div>
    }
}
