//! A long session: 10^5 commands (or the first argument) mixing scale up and down, pod and
//! object deletions, applies that roll deployments, gets, describes, watches interrupted after a
//! while, curls through a Service, logs and DNS lookups, with the virtual clock moving. Every
//! 1000 commands it prints the resident memory (/proc/self/statm), the wall time those 1000
//! commands took, and the store's size, so that growth in memory or in time per command shows.
//!
//! `cargo run --release -p shell --example soak [-- COMMANDS [SEED]]`

use cluster::Time;
use shell::{Session, Submitted};
use std::time::Instant;

/// A small deterministic generator (the soak must not depend on anything but its seed).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Resident set size in KiB, from /proc/self/statm (pages of 4 KiB); 0 where there is none.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4)
}

/// CPU time (user + system) of this process in ms, from /proc/self/stat (100 ticks a second):
/// unlike wall time, it does not grow when other processes share the cores.
fn cpu_ms() -> u64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // The command name may hold spaces: count fields after its closing parenthesis.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let utime: u64 = f.get(11)?.parse().ok()?;
            let stime: u64 = f.get(12)?.parse().ok()?;
            Some((utime + stime) * 10)
        })
        .unwrap_or(0)
}

const IMAGES: &[&str] = &[
    "gcr.io/google-samples/hello-app:1.0",
    "gcr.io/google-samples/hello-app:2.0",
];

fn image(rng: &mut Lcg) -> &'static str {
    IMAGES
        .get(usize::try_from(rng.below(2)).unwrap_or(0))
        .copied()
        .unwrap_or("nginx")
}

fn manifest(name: &str, replicas: u64, image: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  labels:\n    app: {name}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n      labels:\n        app: {name}\n    spec:\n      containers:\n      - name: hello-app\n        image: {image}\n        ports:\n        - containerPort: 8080\n"
    )
}

/// One command of the mix; `None` means a watch (run by hand, then interrupted). `made` counts
/// the configmaps created so far.
fn next_command(rng: &mut Lcg, made: &mut u64) -> Option<String> {
    let pick = rng.below(100);
    if (23..=31).contains(&pick) {
        *made += 1;
    }
    let n = *made;
    Some(match pick {
        0..=9 => format!(
            "kubectl scale deployment web --replicas={}",
            rng.below(8)
        ),
        10..=14 => "kubectl delete pod -l app=web --wait=false".into(),
        15..=19 => {
            let replicas = rng.below(4) + 1;
            let image = image(rng);
            format!(
                "cat > api.yaml <<EOF\n{}EOF\nkubectl apply -f api.yaml",
                manifest("api", replicas, image)
            )
        }
        20..=22 => "kubectl delete deployment api --ignore-not-found".into(),
        // A configmap made, and the one made 20 before it deleted: about 20 live at a time.
        23..=31 => format!(
            "kubectl create configmap cm-{n} --from-literal=n={n}; kubectl delete configmap cm-{} --ignore-not-found",
            n.saturating_sub(20)
        ),
        32..=44 => "kubectl get pods -o wide".into(),
        45..=49 => "kubectl get all".into(),
        50..=52 => "kubectl describe deployment web".into(),
        53..=55 => "kubectl get events".into(),
        56..=62 => return None,
        63..=72 => "curl -s $(kubectl get service web -o jsonpath='{.spec.clusterIP}'):80".into(),
        73..=77 => "kubectl logs deployment/web --tail=5".into(),
        78..=80 => "kubectl exec dnsutils -- nslookup web".into(),
        81..=83 => "kubectl rollout status deployment/web --timeout=20s".into(),
        84..=86 => format!(
            "kubectl set image deployment/web hello-app={}",
            image(rng)
        ),
        87..=89 => "kubectl get pods -o jsonpath='{.items[*].status.podIP}' | wc -w".into(),
        _ => format!("sleep {}", rng.below(5) + 1),
    })
}

fn main() {
    let total: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let start = Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap_or_default();
    let mut s = Session::new(seed, start);
    for line in [
        "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=3",
        "kubectl expose deployment web --port=80 --target-port=8080",
        "kubectl run dnsutils --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 --command -- sleep infinity",
        "sleep 30",
    ] {
        s.run_line(line);
    }
    let mut rng = Lcg(seed);
    println!(
        "{:>8} {:>12} {:>12} {:>9} {:>8} {:>6} {:>9} {:>20}",
        "commands",
        "wall us/cmd",
        "cpu us/cmd",
        "rss KiB",
        "objects",
        "pods",
        "revision",
        "virtual time"
    );
    let began = Instant::now();
    let mut lap = Instant::now();
    let mut lap_cpu = cpu_ms();
    let mut laps_cpu: Vec<u128> = Vec::new();
    let mut bytes_out = 0usize;
    let mut made = 0;
    let mut first_rss = 0;
    let mut laps_ms: Vec<u128> = Vec::new();
    for n in 1..=total {
        match next_command(&mut rng, &mut made) {
            Some(line) => {
                for o in s.run_line(&line) {
                    if let shell::Output::Out(t) | shell::Output::Err(t) = o {
                        bytes_out += t.len();
                    }
                }
            }
            None => {
                // A watch: it prints as the cluster changes, for a few virtual seconds, then ^C.
                let (submitted, _) = s.submit("kubectl get pods -w");
                if submitted == Submitted::Started {
                    for _ in 0..3 {
                        s.advance(1000 + i64::try_from(rng.below(2000)).unwrap_or(0));
                    }
                    s.interrupt();
                }
            }
        }
        // Reading time between commands.
        s.advance(i64::try_from(rng.below(3000)).unwrap_or(0));
        if n % 1000 == 0 {
            let ms = lap.elapsed().as_millis();
            laps_ms.push(ms);
            lap = Instant::now();
            let cpu = u128::from(cpu_ms().saturating_sub(lap_cpu));
            lap_cpu = cpu_ms();
            laps_cpu.push(cpu);
            let rss = rss_kib();
            if first_rss == 0 {
                first_rss = rss;
            }
            let store = s.cluster().store();
            let pods = store.count("Pod");
            let objects = store.len();
            // ms per 1000 commands is us per command.
            println!(
                "{n:>8} {ms:>12} {cpu:>12} {rss:>9} {objects:>8} {pods:>6} {:>9} {:>20}",
                store.revision(),
                s.cluster().now().rfc3339()
            );
        }
    }
    let secs = began.elapsed().as_secs_f64();
    let half = laps_ms.len() / 2;
    let avg = |v: &[u128]| v.iter().sum::<u128>() as f64 / v.len().max(1) as f64;
    println!(
        "{total} commands in {secs:.1} s ({:.0} us/command); {bytes_out} bytes of output",
        secs * 1e6 / total.max(1) as f64
    );
    println!(
        "us per command (wall / cpu): first half {:.0} / {:.0}, second half {:.0} / {:.0}; rss after 1000 commands {first_rss} KiB, at the end {} KiB",
        avg(laps_ms.get(..half).unwrap_or(&[])),
        avg(laps_cpu.get(..half).unwrap_or(&[])),
        avg(laps_ms.get(half..).unwrap_or(&[])),
        avg(laps_cpu.get(half..).unwrap_or(&[])),
        rss_kib()
    );
}
