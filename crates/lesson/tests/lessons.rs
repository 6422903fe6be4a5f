//! The lessons shipped in `lessons/`: every folder parses cleanly, and the Spanish lesson
//! has exactly the author's execute snippets, in order.
// Not shipped in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use lesson::{load_course, load_scenario, Action, Scenario};
use serde_json::json;

fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons")
}

fn scenario_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(lessons_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn load(id: &str) -> Scenario {
    load_scenario(&lessons_dir().join(id)).unwrap_or_else(|e| panic!("{id}: {e}"))
}

const SERVICES_COMMANDS: [&str; 11] = [
    "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0",
    "kubectl scale --replicas=3 deployment web",
    "kubectl get pods --selector app=web -o wide",
    "kubectl delete pods --selector app=web",
    "kubectl get pods --selector app=web -o wide",
    "kubectl apply -f manifests/web-clusterip-svc.yaml",
    "kubectl get service web-service -o wide",
    "kubectl apply -f manifests/dnsutils.yaml",
    "kubectl exec -ti dnsutils -- nslookup web-service",
    "kubectl apply -f manifests/web-headless-svc.yaml",
    "kubectl exec -ti dnsutils -- nslookup web-headless",
];

#[test]
fn every_lesson_folder_parses_without_warnings() {
    let dirs = scenario_dirs();
    assert!(
        dirs.len() >= 2,
        "expected the Spanish and English lessons, found {dirs:?}"
    );
    for dir in dirs {
        let s = load_scenario(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        assert!(s.warnings.is_empty(), "{}: {:?}", dir.display(), s.warnings);
        assert!(!s.steps.is_empty(), "{}", dir.display());
        assert!(
            !s.intro.page.html.is_empty() && !s.finish.page.html.is_empty(),
            "{}",
            dir.display()
        );
        for step in &s.steps {
            assert!(!step.page.html.contains("<script"), "{}", dir.display());
        }
    }
}

#[test]
fn spanish_lesson_execute_snippets_in_order() {
    let s = load("servicios-es");
    assert_eq!(s.language, "es");
    assert_eq!(s.title, "Pod Networking: Services");
    assert_eq!(s.steps.len(), 1);
    assert_eq!(s.steps[0].page.execute_commands(), SERVICES_COMMANDS);
    assert_eq!(s.execute_commands(), SERVICES_COMMANDS);
}

#[test]
fn spanish_lesson_opens_the_clusterip_manifest_once() {
    let s = load("servicios-es");
    let opens: Vec<&Action> = s.steps[0]
        .page
        .actions
        .iter()
        .filter(|a| matches!(a, Action::Open { .. }))
        .collect();
    assert_eq!(
        opens,
        [&Action::Open {
            path: "manifests/web-clusterip-svc.yaml".into()
        }]
    );
}

#[test]
fn spanish_lesson_curl_lines_are_plain_code() {
    let s = load("servicios-es");
    let page = &s.steps[0].page;
    assert!(
        page.html
            .contains("<p><code>curl IP_DEL_POD:8080</code></p>"),
        "{}",
        page.html
    );
    assert!(
        page.html.contains("<p><code>curl CLUSTER_IP:80</code></p>"),
        "{}",
        page.html
    );
    assert!(page
        .actions
        .iter()
        .all(|a| !matches!(a, Action::Execute { command, .. } if command.starts_with("curl"))));
    // The author's typo fixes and words.
    for word in [
        "conjunto",
        "Compruébalo",
        "Fíjate",
        "A Service is an abstract way",
    ] {
        assert!(page.source.contains(word), "{word}");
    }
    assert!(page.html.contains(
        "<a href=\"https://kubernetes.io/docs/concepts/services-networking/service/\" target=\"_blank\" rel=\"noopener noreferrer\">aquí</a>"
    ));
}

#[test]
fn english_lesson_mirrors_the_spanish_one() {
    let es = load("servicios-es");
    let en = load("services-en");
    assert_eq!(en.language, "en");
    assert_eq!(en.execute_commands(), SERVICES_COMMANDS);
    assert_eq!(en.steps[0].checks, es.steps[0].checks);
    let paths = |s: &Scenario| {
        s.assets
            .iter()
            .map(|a| (a.target_path.clone(), a.content.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(paths(&en), paths(&es));
}

#[test]
fn assets_land_in_the_home_manifests_folder() {
    let s = load("servicios-es");
    let targets: Vec<&str> = s.assets.iter().map(|a| a.target_path.as_str()).collect();
    assert_eq!(
        targets,
        [
            "~/manifests/web-clusterip-svc.yaml",
            "~/manifests/web-headless-svc.yaml",
            "~/manifests/dnsutils.yaml"
        ]
    );
    let text = |name: &str| {
        let a = s
            .assets
            .iter()
            .find(|a| a.target_path.ends_with(name))
            .unwrap();
        String::from_utf8(a.content.clone()).unwrap()
    };
    let clusterip = text("web-clusterip-svc.yaml");
    for needle in [
        "kind: Service",
        "name: web-service",
        "app: web",
        "port: 80",
        "targetPort: 8080",
        "type: ClusterIP",
    ] {
        assert!(clusterip.contains(needle), "{needle}");
    }
    let headless = text("web-headless-svc.yaml");
    for needle in [
        "name: web-headless",
        "clusterIP: None",
        "port: 8080",
        "targetPort: 8080",
    ] {
        assert!(headless.contains(needle), "{needle}");
    }
    let dnsutils = text("dnsutils.yaml");
    for needle in [
        "kind: Pod",
        "name: dnsutils",
        "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3",
        "- sleep",
        "\"3600\"",
        "restartPolicy: Always",
    ] {
        assert!(dnsutils.contains(needle), "{needle}");
    }
}

#[test]
fn spanish_lesson_checks() {
    let s = load("servicios-es");
    let checks = &s.steps[0].checks;
    let shown: Vec<String> = checks.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "Deployment default/web: status.readyReplicas = 3",
            "Service default/web-service: spec.type = \"ClusterIP\"",
            "Pod default/dnsutils: status.phase = \"Running\"",
            "Service default/web-headless: spec.clusterIP = \"None\"",
        ]
    );
    let deployment = json!({"kind": "Deployment", "status": {"replicas": 3, "readyReplicas": 3}});
    assert!(checks[0].matches(Some(&deployment)));
    assert!(!checks[0].matches(Some(&json!({"status": {"readyReplicas": 2}}))));
    assert!(!checks[0].matches(None));
    assert!(checks[3].matches(Some(
        &json!({"spec": {"clusterIP": "None", "ports": [{"port": 8080}]}})
    )));
}

#[test]
fn course_lists_spanish_then_english() {
    let course = load_course(&lessons_dir()).unwrap();
    let paths: Vec<&str> = course.lessons.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(paths, ["servicios-es", "services-en"]);
    for p in paths {
        assert!(lessons_dir().join(p).join("index.json").is_file(), "{p}");
    }
}
