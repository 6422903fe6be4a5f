//! Throwaway: native timings of the boot path.
use std::time::Instant;
fn main() {
    let dir = std::path::Path::new("lessons/servicios-es");
    let mut files = lesson::Files::new();
    let index = std::fs::read_to_string(dir.join("index.json")).unwrap();
    for f in lesson::Scenario::referenced_files(&index).unwrap() {
        if let Ok(b) = std::fs::read(dir.join(&f)) {
            files.insert(f, b);
        }
    }
    files.insert("index.json".into(), index.into_bytes());
    for _ in 0..3 {
        let t = Instant::now();
        let sc = lesson::Scenario::from_files("servicios-es", &files).unwrap();
        let t1 = t.elapsed();
        let t = Instant::now();
        let mut lab = web::lab::Lab::fresh(
            Some(std::rc::Rc::new(sc)),
            7,
            cluster::Time(1_795_694_400_000),
        );
        let t2 = t.elapsed();
        let t = Instant::now();
        lab.enter(0);
        let t3 = t.elapsed();
        let t = Instant::now();
        lab.type_line(0, "kubectl get nodes");
        let t4 = t.elapsed();
        let t = Instant::now();
        let s = serde_json::to_string(lab.host().state()).unwrap();
        let t5 = t.elapsed();
        println!(
            "parse {t1:?} lab {t2:?} enter {t3:?} first cmd {t4:?} save {t5:?} ({} bytes)",
            s.len()
        );
    }
}
