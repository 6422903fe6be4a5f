//! Scenario folders: Katacoda and Killercoda `index.json`, step files, scripts and assets.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::check::Check;
use crate::error::{decode_text, line_of, ErrorKind, LessonError, Warning};
use crate::markdown::Page;
use crate::Files;

/// A lesson: the content of one scenario folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The folder's name.
    pub id: String,
    pub title: String,
    /// Plain text, as written in index.json.
    pub description: String,
    /// As written (`"Beginner"`, `"Principiante"`...).
    pub difficulty: Option<String>,
    /// As written (`"15 minutes"`...).
    pub time: Option<String>,
    /// Two-letter language code: index.json `"language"`, else the folder name's suffix
    /// (`servicios-es`), else `"en"`.
    pub language: String,
    /// Katacoda `environment.uilayout` or Killercoda `interface.layout`.
    pub layout: Option<String>,
    /// `backend.imageid` (`kubernetes-kubeadm-1node`...), informative only.
    pub backend: Option<String>,
    /// Katacoda `environment.uieditorpath`: where relative editor paths live.
    pub editor_path: Option<String>,
    /// The intro page (empty when the scenario has none).
    pub intro: Step,
    pub steps: Vec<Step>,
    /// The finish page (empty when the scenario has none).
    pub finish: Step,
    /// Files to copy into the learner's machine before the lesson starts.
    pub assets: Vec<Asset>,
    /// Everything not supported that the lesson uses: index.json's and every page's.
    pub warnings: Vec<Warning>,
}

/// A step (also used for the intro and the finish page, whose checks are usually empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    pub title: String,
    pub page: Page,
    /// Katacoda `answer`: a solution page.
    pub answer: Option<Page>,
    /// Katacoda challenges' `hint` text.
    pub hint: Option<String>,
    /// A shell script; the step is done when it exits 0 (Katacoda `verify`, Killercoda
    /// `verify.sh`). Run elsewhere, through the shell.
    pub verify: Option<String>,
    /// Conditions on cluster objects (kubeplay's own `checks` field).
    pub checks: Vec<Check>,
    /// Script run in the background when the step starts (`background`, Katacoda
    /// `courseData`).
    pub background: Option<String>,
    /// Script typed into the terminal when the step starts (`foreground`, Katacoda `code`).
    pub foreground: Option<String>,
}

/// A file copied from the folder's `assets/` into the learner's machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path in the lesson folder (`assets/manifests/web.yaml`).
    pub path_in_folder: String,
    /// Where it goes: the index.json `target` folder joined with the file name (`~` is the
    /// learner's home).
    pub target_path: String,
    /// `chmod` argument, e.g. `+x`.
    pub chmod: Option<String>,
    /// The host key in index.json (`host01`, `client`...).
    pub host: String,
    pub content: Vec<u8>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct IndexJson {
    title: Option<String>,
    description: Option<String>,
    difficulty: Option<Value>,
    time: Option<Value>,
    language: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    details: Option<Details>,
    environment: Option<Environment>,
    interface: Option<Interface>,
    backend: Option<Backend>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Details {
    steps: Option<Vec<StepJson>>,
    intro: Option<PageRef>,
    finish: Option<PageRef>,
    assets: Option<BTreeMap<String, Vec<AssetJson>>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PageRef {
    Path(String),
    Object(Box<StepJson>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StepJson {
    title: Option<String>,
    text: Option<String>,
    answer: Option<String>,
    verify: Option<String>,
    hint: Option<String>,
    #[serde(rename = "courseData")]
    course_data: Option<String>,
    code: Option<String>,
    background: Option<String>,
    foreground: Option<String>,
    checks: Vec<Check>,
}

#[derive(Debug, Deserialize)]
struct AssetJson {
    file: String,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    chmod: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Environment {
    uilayout: Option<Value>,
    uieditorpath: Option<Value>,
    dashboards: Option<Value>,
    showdashboard: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Interface {
    layout: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Backend {
    imageid: Option<Value>,
}

const INDEX: &str = "index.json";

/// Languages recognized in folder names (`-es`, `_en`...).
const LANGUAGES: &[&str] = &[
    "en", "es", "fr", "de", "pt", "it", "ca", "gl", "eu", "nl", "pl", "ru", "ja", "zh", "ko", "uk",
];

fn value_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Normalizes a path in the folder: `./` and duplicate slashes removed; absolute paths and
/// `..` are refused.
pub(crate) fn normalize_path(p: &str) -> Result<String, String> {
    let p = p.trim().replace('\\', "/");
    if p.starts_with('/') {
        return Err(format!(
            "`{p}` is an absolute path; paths are relative to the lesson folder"
        ));
    }
    let mut parts = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(format!("`{p}` leaves the lesson folder")),
            part => parts.push(part),
        }
    }
    if parts.is_empty() {
        return Err("empty path".into());
    }
    Ok(parts.join("/"))
}

/// Detects the language from a folder name: its last `-`/`_`/`.`-separated word, or its
/// first, when that is a known language code.
fn language_of(id: &str) -> Option<String> {
    let words: Vec<String> = id
        .split(['-', '_', '.'])
        .map(str::to_ascii_lowercase)
        .collect();
    let found = [words.last(), words.first()]
        .into_iter()
        .flatten()
        .find(|w| LANGUAGES.contains(&w.as_str()))
        .cloned();
    found
}

/// `*` matches within a path segment, `**` across segments, `?` one character.
pub(crate) fn glob_match(pattern: &str, path: &str) -> bool {
    fn go(p: &[u8], s: &[u8], budget: &mut u32) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match p.split_first() {
            None => s.is_empty(),
            Some((b'*', rest)) => {
                if let Some(rest2) = rest.strip_prefix(b"*") {
                    // `**/` may also match no folder at all.
                    if let Some(after) = rest2.strip_prefix(b"/") {
                        if go(after, s, budget) {
                            return true;
                        }
                    }
                    (0..=s.len()).any(|i| go(rest2, s.get(i..).unwrap_or_default(), budget))
                } else {
                    let seg = s.iter().position(|&c| c == b'/').unwrap_or(s.len());
                    (0..=seg).any(|i| go(rest, s.get(i..).unwrap_or_default(), budget))
                }
            }
            Some((b'?', rest)) => match s.split_first() {
                Some((c, srest)) if *c != b'/' => go(rest, srest, budget),
                _ => false,
            },
            Some((c, rest)) => match s.split_first() {
                Some((d, srest)) if c == d => go(rest, srest, budget),
                _ => false,
            },
        }
    }
    let mut budget = 100_000;
    go(pattern.as_bytes(), path.as_bytes(), &mut budget)
}

struct Loader<'a> {
    files: &'a Files,
    index: &'a str,
    warnings: Vec<Warning>,
}

impl Loader<'_> {
    /// The line of index.json where the string `value` is written.
    fn line_of_value(&self, value: &str) -> Option<usize> {
        let quoted = serde_json::to_string(value).ok()?;
        self.index.find(&quoted).map(|i| line_of(self.index, i))
    }

    fn warn(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.warnings.push(Warning::new(INDEX, line, message));
    }

    fn invalid(&self, value: &str, message: String) -> LessonError {
        LessonError::new(
            ErrorKind::Invalid,
            INDEX,
            self.line_of_value(value),
            message,
        )
    }

    fn missing(&self, path: &str, what: &str, named_as: &str) -> LessonError {
        let place = match self.line_of_value(named_as) {
            Some(line) => format!("index.json line {line}"),
            None => "index.json".to_string(),
        };
        LessonError::new(
            ErrorKind::MissingFile,
            path,
            None,
            format!("file not found ({what}, named in {place})"),
        )
    }

    fn path(&self, raw: &str) -> Result<String, LessonError> {
        normalize_path(raw).map_err(|e| self.invalid(raw, e))
    }

    fn read_text(&self, raw: &str, what: &str) -> Result<(String, String), LessonError> {
        let path = self.path(raw)?;
        let bytes = self
            .files
            .get(&path)
            .ok_or_else(|| self.missing(&path, what, raw))?;
        Ok((path.clone(), decode_text(&path, bytes)?.to_string()))
    }

    fn page(&mut self, raw: Option<&str>, what: &str) -> Result<Option<Page>, LessonError> {
        let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
            return Ok(None);
        };
        let (path, text) = self.read_text(raw, what)?;
        let page = Page::from_markdown(&path, &text)?;
        self.warnings.extend(page.warnings.iter().cloned());
        Ok(Some(page))
    }

    /// A script field: the content of the named file; a value that is not a file name
    /// (it has spaces or no `.sh`/folder) is taken as the script itself.
    fn script(&self, raw: Option<&str>, what: &str) -> Result<Option<String>, LessonError> {
        let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
            return Ok(None);
        };
        if let Ok(path) = normalize_path(raw) {
            if let Some(bytes) = self.files.get(&path) {
                return Ok(Some(decode_text(&path, bytes)?.to_string()));
            }
            let looks_like_file = !raw.trim().contains(char::is_whitespace)
                && (raw.ends_with(".sh") || raw.ends_with(".bash") || raw.contains('/'));
            if looks_like_file {
                return Err(self.missing(&path, what, raw));
            }
        }
        Ok(Some(raw.to_string()))
    }

    fn step(&mut self, json: &StepJson, title: String, what: &str) -> Result<Step, LessonError> {
        let page = match self.page(json.text.as_deref(), what)? {
            Some(p) => p,
            None => {
                self.warn(
                    self.line_of_value(&title),
                    format!("{what} has no \"text\" file"),
                );
                Page::default()
            }
        };
        for check in &json.checks {
            if let Err(e) = check.validate() {
                // Point at the bad path if that is the problem, else at the check's name.
                let bad_path = check
                    .expect
                    .keys()
                    .find(|p| crate::check::parse_path(p).is_err());
                return Err(self.invalid(bad_path.unwrap_or(&check.name), e));
            }
        }
        Ok(Step {
            title,
            page,
            answer: self.page(json.answer.as_deref(), &format!("answer of {what}"))?,
            hint: json.hint.clone(),
            verify: self.script(json.verify.as_deref(), &format!("verify script of {what}"))?,
            checks: json.checks.clone(),
            background: self.script(
                json.background.as_deref().or(json.course_data.as_deref()),
                &format!("background script of {what}"),
            )?,
            foreground: self.script(
                json.foreground.as_deref().or(json.code.as_deref()),
                &format!("foreground script of {what}"),
            )?,
        })
    }

    fn special(&mut self, r: Option<&PageRef>, what: &str) -> Result<Step, LessonError> {
        match r {
            None => Ok(Step::default()),
            Some(PageRef::Path(p)) => {
                let json = StepJson {
                    text: Some(p.clone()),
                    ..StepJson::default()
                };
                self.step(&json, String::new(), what)
            }
            Some(PageRef::Object(json)) => {
                self.step(json, json.title.clone().unwrap_or_default(), what)
            }
        }
    }

    fn assets(
        &mut self,
        map: &BTreeMap<String, Vec<AssetJson>>,
    ) -> Result<Vec<Asset>, LessonError> {
        let mut out = Vec::new();
        for (host, list) in map {
            for a in list {
                let pattern = self.path(&a.file)?;
                let target = a
                    .target
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .unwrap_or("~");
                let target = target.trim_end_matches('/');
                let globbed = pattern.contains(['*', '?']);
                let matched: Vec<(&String, &Vec<u8>)> = if globbed {
                    self.files
                        .iter()
                        .filter(|(k, _)| {
                            k.strip_prefix("assets/")
                                .is_some_and(|rel| glob_match(&pattern, rel))
                        })
                        .collect()
                } else {
                    let key = format!("assets/{pattern}");
                    match self.files.get_key_value(&key) {
                        Some(kv) => vec![kv],
                        None => return Err(self.missing(&key, "asset", &a.file)),
                    }
                };
                if matched.is_empty() {
                    self.warn(
                        self.line_of_value(&a.file),
                        format!("asset pattern `{}` matches no file in assets/", a.file),
                    );
                }
                // The folders before the first glob character are not repeated in the target.
                let fixed = pattern
                    .split('/')
                    .take_while(|s| !s.contains(['*', '?']))
                    .count();
                for (key, content) in matched {
                    let rel = key.strip_prefix("assets/").unwrap_or(key);
                    let name = if globbed {
                        rel.split('/').skip(fixed).collect::<Vec<_>>().join("/")
                    } else {
                        rel.rsplit('/').next().unwrap_or(rel).to_string()
                    };
                    out.push(Asset {
                        path_in_folder: key.clone(),
                        target_path: format!("{target}/{name}"),
                        chmod: a.chmod.clone(),
                        host: host.clone(),
                        content: content.clone(),
                    });
                }
            }
        }
        Ok(out)
    }
}

fn parse_index(text: &str) -> Result<IndexJson, LessonError> {
    serde_json::from_str(text).map_err(|e| LessonError::json(INDEX, &e))
}

impl Scenario {
    /// Reads a scenario folder given as files (paths relative to the folder, `/`-separated).
    /// `id` is the folder's name.
    pub fn from_files(id: &str, files: &Files) -> Result<Scenario, LessonError> {
        let bytes = files.get(INDEX).ok_or_else(|| {
            LessonError::new(
                ErrorKind::MissingFile,
                INDEX,
                None,
                "file not found: a scenario folder needs an index.json".into(),
            )
        })?;
        let text = decode_text(INDEX, bytes)?;
        let index = parse_index(text)?;
        let mut l = Loader {
            files,
            index: text,
            warnings: Vec::new(),
        };

        let language = match index.language.as_deref().map(str::trim) {
            Some(lang) if !lang.is_empty() => {
                let lang = lang.to_ascii_lowercase();
                if !(2..=8).contains(&lang.len())
                    || !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    return Err(l.invalid(
                        &lang,
                        format!(
                            "\"language\" should be a code like \"es\" or \"en\", not `{lang}`"
                        ),
                    ));
                }
                lang
            }
            _ => language_of(id).unwrap_or_else(|| "en".to_string()),
        };
        let title = match index.title.clone().filter(|t| !t.trim().is_empty()) {
            Some(t) => t,
            None => {
                l.warn(None, "no \"title\"; the folder name is used");
                id.to_string()
            }
        };
        if let Some(kind) = index.kind.as_deref().filter(|k| k.starts_with("challenge")) {
            l.warn(
                l.line_of_value(kind),
                format!("\"type\": \"{kind}\" is run as an ordinary scenario"),
            );
        }
        let environment = index.environment.unwrap_or_default();
        let layout = value_text(environment.uilayout.as_ref())
            .or_else(|| value_text(index.interface.as_ref().and_then(|i| i.layout.as_ref())));
        if let Some(layout) = layout.as_deref() {
            let supported = [
                "terminal",
                "terminal-terminal",
                "editor-terminal",
                "terminal-editor",
            ];
            if !supported.contains(&layout) {
                l.warn(
                    l.line_of_value(layout),
                    format!("layout `{layout}` is shown as editor and terminal"),
                );
            }
        }
        if environment.dashboards.is_some()
            || environment
                .showdashboard
                .as_ref()
                .is_some_and(|v| v == &Value::Bool(true))
        {
            l.warn(None, "dashboards are not supported");
        }

        let step_word = if language == "es" { "Paso" } else { "Step" };
        let (intro, steps, finish, assets) = match index.details {
            Some(details) => {
                let intro = l.special(details.intro.as_ref(), "intro")?;
                let mut steps = Vec::new();
                for (i, s) in details.steps.iter().flatten().enumerate() {
                    let n = i + 1;
                    let title = s
                        .title
                        .clone()
                        .unwrap_or_else(|| format!("{step_word} {n}"));
                    steps.push(l.step(s, title, &format!("step {n}"))?);
                }
                let finish = l.special(details.finish.as_ref(), "finish")?;
                let assets = match &details.assets {
                    Some(map) => l.assets(map)?,
                    None => Vec::new(),
                };
                (intro, steps, finish, assets)
            }
            None => discover(&mut l, step_word)?,
        };
        if steps.is_empty() {
            l.warn(None, "the scenario has no steps");
        }
        Ok(Scenario {
            id: id.to_string(),
            title,
            description: index.description.unwrap_or_default(),
            difficulty: value_text(index.difficulty.as_ref()),
            time: value_text(index.time.as_ref()),
            language,
            layout,
            backend: value_text(index.backend.as_ref().and_then(|b| b.imageid.as_ref())),
            editor_path: value_text(environment.uieditorpath.as_ref()),
            intro,
            steps,
            finish,
            assets,
            warnings: l.warnings,
        })
    }

    /// The files an index.json names (pages, scripts, assets without globs), for a loader
    /// that cannot list folders (the browser). Folders without `details` and asset globs
    /// need a listing, so they are not covered.
    pub fn referenced_files(index_json: &str) -> Result<Vec<String>, LessonError> {
        let index = parse_index(index_json)?;
        let mut out = Vec::new();
        let mut add = |p: Option<&str>, script: bool| {
            if let Some(Ok(path)) = p.map(normalize_path) {
                let file_like = !script
                    || path.ends_with(".sh")
                    || path.ends_with(".bash")
                    || path.contains('/');
                if file_like && !path.contains(char::is_whitespace) && !out.contains(&path) {
                    out.push(path);
                }
            }
        };
        let Some(details) = index.details else {
            return Ok(out);
        };
        let step = |s: &StepJson, add: &mut dyn FnMut(Option<&str>, bool)| {
            add(s.text.as_deref(), false);
            add(s.answer.as_deref(), false);
            for script in [
                &s.verify,
                &s.background,
                &s.course_data,
                &s.foreground,
                &s.code,
            ] {
                add(script.as_deref(), true);
            }
        };
        for r in [&details.intro, &details.finish].into_iter().flatten() {
            match r {
                PageRef::Path(p) => add(Some(p), false),
                PageRef::Object(s) => step(s, &mut add),
            }
        }
        for s in details.steps.iter().flatten() {
            step(s, &mut add);
        }
        for a in details.assets.iter().flat_map(|m| m.values()).flatten() {
            if !a.file.contains(['*', '?']) {
                if let Ok(p) = normalize_path(&a.file) {
                    add(Some(&format!("assets/{p}")), false);
                }
            }
        }
        Ok(out)
    }

    /// Every step's execute commands, in order (intro, steps, finish).
    pub fn execute_commands(&self) -> Vec<&str> {
        std::iter::once(&self.intro)
            .chain(&self.steps)
            .chain(std::iter::once(&self.finish))
            .flat_map(|s| s.page.execute_commands())
            .collect()
    }
}

/// A folder whose index.json has no `details`: `intro.md`, `step1.md` or `step1/text.md`
/// (with `step1/verify.sh`, `foreground.sh`, `background.sh`) ..., `finish.md`.
fn discover(
    l: &mut Loader<'_>,
    step_word: &str,
) -> Result<(Step, Vec<Step>, Step, Vec<Asset>), LessonError> {
    let special = |l: &mut Loader<'_>, name: &str| -> Result<Step, LessonError> {
        let file = format!("{name}.md");
        if !l.files.contains_key(&file) {
            return Ok(Step::default());
        }
        let json = StepJson {
            text: Some(file),
            ..StepJson::default()
        };
        l.step(&json, String::new(), name)
    };
    let intro = special(l, "intro")?;
    let mut steps = Vec::new();
    for n in 1.. {
        let flat = format!("step{n}.md");
        let json = if l.files.contains_key(&flat) {
            StepJson {
                text: Some(flat),
                ..StepJson::default()
            }
        } else if l.files.contains_key(&format!("step{n}/text.md")) {
            let file = |name: &str| {
                let p = format!("step{n}/{name}");
                l.files.contains_key(&p).then_some(p)
            };
            StepJson {
                text: file("text.md"),
                verify: file("verify.sh"),
                background: file("background.sh"),
                foreground: file("foreground.sh"),
                ..StepJson::default()
            }
        } else {
            break;
        };
        steps.push(l.step(&json, format!("{step_word} {n}"), &format!("step {n}"))?);
    }
    let finish = special(l, "finish")?;
    let mut assets = BTreeMap::new();
    if l.files.keys().any(|k| k.starts_with("assets/")) {
        assets.insert(
            "host01".to_string(),
            vec![AssetJson {
                file: "**".into(),
                target: None,
                chmod: None,
            }],
        );
    }
    let assets = l.assets(&assets)?;
    Ok((intro, steps, finish, assets))
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    fn files(list: &[(&str, &str)]) -> Files {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    fn summary(s: &Scenario) -> String {
        let mut out = format!(
            "{} [{}] {:?} {:?} layout={:?} backend={:?}\n",
            s.title, s.language, s.difficulty, s.time, s.layout, s.backend
        );
        let pages = std::iter::once(("intro", &s.intro))
            .chain(s.steps.iter().map(|st| ("step", st)))
            .chain(std::iter::once(("finish", &s.finish)));
        for (what, st) in pages {
            out.push_str(&format!(
                "{what} {:?}: {:?}\n",
                st.title,
                st.page.execute_commands()
            ));
            for (name, v) in [
                ("verify", &st.verify),
                ("background", &st.background),
                ("foreground", &st.foreground),
                ("hint", &st.hint),
            ] {
                if let Some(v) = v {
                    out.push_str(&format!("  {name}: {v:?}\n"));
                }
            }
            if let Some(a) = &st.answer {
                out.push_str(&format!("  answer: {:?}\n", a.html));
            }
            for c in &st.checks {
                out.push_str(&format!("  check: {c}\n"));
            }
        }
        for a in &s.assets {
            out.push_str(&format!(
                "asset {} -> {} ({}, {:?})\n",
                a.path_in_folder, a.target_path, a.host, a.chmod
            ));
        }
        for w in &s.warnings {
            out.push_str(&format!("warning: {w}\n"));
        }
        out
    }

    /// Loads the folder `list` as scenario `id` and shows what came out.
    fn check(id: &str, list: &[(&str, &str)], expect: Expect) {
        let actual = match Scenario::from_files(id, &files(list)) {
            Ok(s) => summary(&s),
            Err(e) => format!("error: {e}\n"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn katacoda_index() {
        check(
            "k8s-basics",
            &[
                (
                    "index.json",
                    r#"{
  "pathwayTitle": "K8s", "title": "Basics", "description": "d", "difficulty": "Beginner", "time": "10 minutes",
  "details": {
    "steps": [
      {"title": "One", "text": "step1.md", "answer": "step1-answer.md", "verify": "step1-verify.sh", "courseData": "env.sh", "code": "fg.sh"},
      {"title": "Two", "text": "step2.md", "verify": "[ -f /root/x ] && echo \"done\""}
    ],
    "intro": {"text": "intro.md", "courseData": "setup.sh", "credits": "someone"},
    "finish": {"text": "finish.md"},
    "assets": {"host01": [{"file": "wait.sh", "target": "/usr/local/bin/", "chmod": "+x"}]}
  },
  "environment": {"uilayout": "terminal", "showide": true, "hideintro": false},
  "backend": {"imageid": "kubernetes-cluster-running:1.18"},
  "unknownField": [1, 2, 3]
}"#,
                ),
                ("intro.md", "Welcome `whoami`{{execute}}"),
                ("setup.sh", "launch.sh\n"),
                ("step1.md", "`kubectl get nodes`{{execute}}"),
                ("step1-answer.md", "`kubectl get nodes`{{copy}}"),
                ("step1-verify.sh", "kubectl get nodes\n"),
                ("env.sh", "sleep 1\n"),
                ("fg.sh", "clear\n"),
                ("step2.md", "```\ntouch /root/x\n```{{execute}}"),
                ("finish.md", "Done"),
                ("assets/wait.sh", "#!/bin/sh\n"),
            ],
            expect![[r#"
                Basics [en] Some("Beginner") Some("10 minutes") layout=Some("terminal") backend=Some("kubernetes-cluster-running:1.18")
                intro "": ["whoami"]
                  background: "launch.sh\n"
                step "One": ["kubectl get nodes"]
                  verify: "kubectl get nodes\n"
                  background: "sleep 1\n"
                  foreground: "clear\n"
                  answer: "<p><button type=\"button\" class=\"kp-action kp-copy\" data-action=\"0\"><code>kubectl get nodes</code></button></p>\n"
                step "Two": ["touch /root/x"]
                  verify: "[ -f /root/x ] && echo \"done\""
                finish "": []
                asset assets/wait.sh -> /usr/local/bin/wait.sh (host01, Some("+x"))
            "#]],
        );
    }

    #[test]
    fn killercoda_folders() {
        check(
            "multi-step",
            &[
                (
                    "index.json",
                    r#"{"title": "Kubernetes 2node multi-step verification",
  "details": {
    "intro": {"text": "intro.md", "foreground": "intro-fg.sh"},
    "steps": [
      {"title": "Create a pod", "text": "step1/text.md", "verify": "step1/verify.sh", "background": "step1/background.sh"},
      {"title": "Delete a pod", "text": "step2/text.md", "verify": "step2/verify.sh", "foreground": "step2/foreground.sh"}
    ],
    "finish": {"text": "finish.md"},
    "assets": {"host01": [{"file": "app1/**/*.json", "target": "/opt/app"}, {"file": "*", "target": "~"}]}
  },
  "backend": {"imageid": "kubernetes-kubeadm-2nodes"},
  "interface": {"layout": "ide"}
}"#,
                ),
                ("intro.md", "Hi"),
                ("intro-fg.sh", "echo hi"),
                (
                    "step1/text.md",
                    "`kubectl run my-pod --image=nginx`{{exec}}",
                ),
                ("step1/verify.sh", "kubectl get pod my-pod"),
                ("step1/background.sh", "true"),
                (
                    "step2/text.md",
                    "`kubectl delete pod my-pod`{{exec interrupt}}",
                ),
                ("step2/verify.sh", "! kubectl get pod my-pod"),
                ("step2/foreground.sh", "clear"),
                ("finish.md", "Bye"),
                ("assets/app1/a.json", "{}"),
                ("assets/app1/sub/b.json", "{}"),
                ("assets/app1/sub/c.txt", "x"),
                ("assets/top.txt", "t"),
            ],
            expect![[r#"
                Kubernetes 2node multi-step verification [en] None None layout=Some("ide") backend=Some("kubernetes-kubeadm-2nodes")
                intro "": []
                  foreground: "echo hi"
                step "Create a pod": ["kubectl run my-pod --image=nginx"]
                  verify: "kubectl get pod my-pod"
                  background: "true"
                step "Delete a pod": ["kubectl delete pod my-pod"]
                  verify: "! kubectl get pod my-pod"
                  foreground: "clear"
                finish "": []
                asset assets/app1/a.json -> /opt/app/a.json (host01, None)
                asset assets/app1/sub/b.json -> /opt/app/sub/b.json (host01, None)
                asset assets/top.txt -> ~/top.txt (host01, None)
                warning: index.json:12: layout `ide` is shown as editor and terminal
            "#]],
        );
    }

    #[test]
    fn checks_and_language_field() {
        check(
            "lesson",
            &[
                (
                    "index.json",
                    r#"{"title": "T", "language": "ES", "details": {"steps": [{"text": "s.md",
  "checks": [{"kind": "Deployment", "name": "web", "expect": {"status.readyReplicas": 3}}, {"kind": "Service", "name": "web"}]}]}}"#,
                ),
                ("s.md", "x"),
            ],
            expect![[r#"
                T [es] None None layout=None backend=None
                intro "": []
                step "Paso 1": []
                  check: Deployment default/web: status.readyReplicas = 3
                  check: Service default/web exists
                finish "": []
            "#]],
        );
    }

    #[test]
    fn language_from_folder_name() {
        let index = ("index.json", r#"{"title": "T", "details": {"steps": []}}"#);
        let langs: Vec<String> = ["servicios-es", "services_en", "fr-intro", "web-ui", "plain"]
            .iter()
            .map(|id| {
                Scenario::from_files(id, &files(&[index]))
                    .map(|s| s.language)
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(langs, ["es", "en", "fr", "en", "en"]);
    }

    #[test]
    fn discovered_layout_without_details() {
        check(
            "servicios-es",
            &[
                ("index.json", r#"{"title": "Descubierto"}"#),
                ("intro.md", "intro"),
                ("step1.md", "`a`{{execute}}"),
                ("step2/text.md", "`b`{{execute}}"),
                ("step2/verify.sh", "true"),
                ("finish.md", "fin"),
                ("assets/manifests/x.yaml", "kind: Pod"),
            ],
            expect![[r#"
                Descubierto [es] None None layout=None backend=None
                intro "": []
                step "Paso 1": ["a"]
                step "Paso 2": ["b"]
                  verify: "true"
                finish "": []
                asset assets/manifests/x.yaml -> ~/manifests/x.yaml (host01, None)
            "#]],
        );
    }

    #[test]
    fn intro_as_plain_path() {
        check(
            "x",
            &[
                (
                    "index.json",
                    r#"{"title": "T", "details": {"intro": "intro.md", "steps": [{"text": "s.md"}]}}"#,
                ),
                ("intro.md", "`i`{{execute}}"),
                ("s.md", "s"),
            ],
            expect![[r#"
                T [en] None None layout=None backend=None
                intro "": ["i"]
                step "Step 1": []
                finish "": []
            "#]],
        );
    }

    #[test]
    fn malformed_json_names_file_and_line() {
        check(
            "x",
            &[(
                "index.json",
                "{\n  \"title\": \"T\",\n  \"details\": {\n    \"steps\": [\n  }\n}",
            )],
            expect![[r#"
            error: index.json:5:3: expected value
        "#]],
        );
    }

    #[test]
    fn wrong_type_names_line() {
        check(
            "x",
            &[(
                "index.json",
                "{\n  \"title\": \"T\",\n  \"details\": {\"steps\": [{\"text\": 5}]}\n}",
            )],
            expect![[r#"
            error: index.json:3:34: invalid type: integer `5`, expected a string
        "#]],
        );
    }

    #[test]
    fn bad_check_names_line() {
        check(
            "x",
            &[
                ("index.json", "{\"title\": \"T\", \"details\": {\"steps\": [{\"text\": \"s.md\",\n \"checks\": [{\"kind\": \"Pod\", \"name\": \"p\",\n \"expect\": {\"a..b\": 1}}]}]}}"),
                ("s.md", ""),
            ],
            expect![[r#"
                error: index.json:3: empty key in path `a..b`
            "#]],
        );
    }

    #[test]
    fn missing_step_file_is_named() {
        check(
            "x",
            &[("index.json", "{\"title\": \"T\",\n\"details\": {\"steps\": [\n{\"text\": \"step1.md\"},\n{\"text\": \"step2.md\"}]}}"), ("step1.md", "")],
            expect![[r#"
                error: step2.md: file not found (step 2, named in index.json line 4)
            "#]],
        );
    }

    #[test]
    fn missing_verify_file_is_named() {
        check(
            "x",
            &[
                (
                    "index.json",
                    r#"{"title": "T", "details": {"steps": [{"text": "s.md", "verify": "step1/verify.sh"}]}}"#,
                ),
                ("s.md", ""),
            ],
            expect![[r#"
                error: step1/verify.sh: file not found (verify script of step 1, named in index.json line 1)
            "#]],
        );
    }

    #[test]
    fn missing_asset_is_named() {
        check(
            "x",
            &[(
                "index.json",
                r#"{"title": "T", "details": {"steps": [], "assets": {"host01": [{"file": "app.yaml", "target": "~"}]}}}"#,
            )],
            expect![[r#"
                error: assets/app.yaml: file not found (asset, named in index.json line 1)
            "#]],
        );
    }

    #[test]
    fn missing_index() {
        check(
            "x",
            &[("step1.md", "")],
            expect![[r#"
            error: index.json: file not found: a scenario folder needs an index.json
        "#]],
        );
    }

    #[test]
    fn path_leaving_the_folder_is_refused() {
        check(
            "x",
            &[(
                "index.json",
                r#"{"title": "T", "details": {"steps": [{"text": "../../etc/passwd"}]}}"#,
            )],
            expect![[r#"
            error: index.json:1: `../../etc/passwd` leaves the lesson folder
        "#]],
        );
    }

    #[test]
    fn markdown_not_utf8_names_line() {
        let mut f = files(&[(
            "index.json",
            r#"{"title": "T", "details": {"steps": [{"text": "s.md"}]}}"#,
        )]);
        f.insert("s.md".into(), b"line 1\nline 2 \xff\xfe\n".to_vec());
        let e = Scenario::from_files("x", &f).unwrap_err();
        expect!["s.md:2: file is not valid UTF-8 text"].assert_eq(&e.to_string());
    }

    #[test]
    fn markdown_error_names_step_file() {
        check(
            "x",
            &[
                (
                    "index.json",
                    r#"{"title": "T", "details": {"steps": [{"text": "s.md"}]}}"#,
                ),
                ("s.md", "a\n\n<pre class=\"file\">x</pre>"),
            ],
            expect![[r#"
                error: s.md:3: `<pre class="file">` needs a data-filename
            "#]],
        );
    }

    #[test]
    fn challenge_and_dashboards_are_reported() {
        check(
            "x",
            &[
                (
                    "index.json",
                    r#"{"title": "C", "type": "challenge@0.8", "details": {"steps": [{"text": "s.md", "hint": "look at pods"}]},
  "environment": {"uilayout": "terminal-iframe", "dashboards": [{"name": "App", "port": 80}]}}"#,
                ),
                ("s.md", "{{TRAFFIC_HOST1_80}}"),
            ],
            expect![[r#"
                C [en] None None layout=Some("terminal-iframe") backend=None
                intro "": []
                step "Step 1": []
                  hint: "look at pods"
                finish "": []
                warning: index.json:1: "type": "challenge@0.8" is run as an ordinary scenario
                warning: index.json:2: layout `terminal-iframe` is shown as editor and terminal
                warning: index.json: dashboards are not supported
                warning: s.md:1: `{{TRAFFIC_HOST1_80}}` is not supported here and is shown as text
            "#]],
        );
    }

    #[test]
    fn referenced_files_lists_pages_scripts_and_assets() {
        let index = r#"{"title": "T", "details": {"intro": {"text": "intro.md", "background": "bg.sh"},
  "steps": [{"text": "step1/text.md", "verify": "step1/verify.sh", "answer": "a.md"}, {"text": "s2.md", "verify": "kubectl get pods"}],
  "finish": "finish.md",
  "assets": {"host01": [{"file": "manifests/a.yaml", "target": "~/manifests"}, {"file": "**/*.sh", "target": "/usr/bin"}]}}}"#;
        expect![[r#"["intro.md", "bg.sh", "finish.md", "step1/text.md", "a.md", "step1/verify.sh", "s2.md", "assets/manifests/a.yaml"]"#]].assert_eq(&format!("{:?}", Scenario::referenced_files(index).unwrap()));
    }

    #[test]
    fn glob_matching() {
        let cases = [
            ("*", "a.txt", true),
            ("*", "dir/a.txt", false),
            ("**", "dir/a.txt", true),
            ("app1/**/*.json", "app1/a.json", true),
            ("app1/**/*.json", "app1/x/y/a.json", true),
            ("app1/**/*.json", "app2/a.json", false),
            ("?.sh", "a.sh", true),
            ("?.sh", "ab.sh", false),
        ];
        for (p, s, want) in cases {
            assert_eq!(glob_match(p, s), want, "{p} {s}");
        }
        let long = "a".repeat(5000);
        assert!(!glob_match("*a*a*a*a*a*a*a*a*a*a*b", &long));
    }
}
