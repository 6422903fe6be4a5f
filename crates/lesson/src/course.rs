//! Courses: an ordered list of lessons (Killercoda `structure.json`, Katacoda
//! `*-pathway.json`).

use serde::Deserialize;

use crate::error::{decode_text, line_of, ErrorKind, LessonError};
use crate::scenario::normalize_path;
use crate::Files;

/// A course: lessons in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Course {
    pub title: Option<String>,
    pub description: Option<String>,
    pub lessons: Vec<CourseEntry>,
}

/// One lesson of a course: its folder (relative to the course file) and an optional title
/// that overrides the lesson's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CourseEntry {
    pub path: String,
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CourseJson {
    title: Option<String>,
    description: Option<String>,
    items: Option<Vec<Item>>,
    courses: Option<Vec<PathwayCourse>>,
}

#[derive(Debug, Deserialize)]
struct Item {
    path: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PathwayCourse {
    course_id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

impl Course {
    /// Parses a course file; `file` is its name, for errors.
    pub fn parse(file: &str, text: &str) -> Result<Course, LessonError> {
        let json: CourseJson =
            serde_json::from_str(text).map_err(|e| LessonError::json(file, &e))?;
        let entries: Vec<(String, Option<String>, Option<String>)> =
            match (json.items, json.courses) {
                (Some(items), _) => items
                    .into_iter()
                    .map(|i| (i.path, i.title, i.description))
                    .collect(),
                (None, Some(courses)) => courses
                    .into_iter()
                    .map(|c| (c.course_id, c.title, c.description))
                    .collect(),
                (None, None) => {
                    return Err(LessonError::new(
                        ErrorKind::Invalid,
                        file,
                        None,
                        "a course file needs \"items\" (structure.json) or \"courses\" (pathway)"
                            .into(),
                    ))
                }
            };
        let mut lessons = Vec::new();
        for (path, title, description) in entries {
            let path = normalize_path(&path).map_err(|e| {
                let quoted = serde_json::to_string(&path).unwrap_or_default();
                let line = text.find(&quoted).map(|i| line_of(text, i));
                LessonError::new(ErrorKind::Invalid, file, line, e)
            })?;
            lessons.push(CourseEntry {
                path,
                title,
                description,
            });
        }
        Ok(Course {
            title: json.title,
            description: json.description,
            lessons,
        })
    }

    /// Finds the course file of a folder: `structure.json`, else the first `*-pathway.json`.
    pub fn from_files(files: &Files) -> Result<Course, LessonError> {
        let name = if files.contains_key("structure.json") {
            "structure.json"
        } else {
            match files
                .keys()
                .find(|k| !k.contains('/') && k.ends_with("-pathway.json"))
            {
                Some(k) => k.as_str(),
                None => {
                    return Err(LessonError::new(
                        ErrorKind::MissingFile,
                        "structure.json",
                        None,
                        "file not found: a course needs a structure.json or a *-pathway.json"
                            .into(),
                    ))
                }
            }
        };
        let bytes = files.get(name).map(Vec::as_slice).unwrap_or_default();
        Course::parse(name, decode_text(name, bytes)?)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    fn check(file: &str, text: &str, expect: Expect) {
        let actual = match Course::parse(file, text) {
            Ok(c) => {
                let mut s = format!("{:?}\n", c.title);
                for l in &c.lessons {
                    s.push_str(&format!("{} {:?}\n", l.path, l.title));
                }
                s
            }
            Err(e) => format!("error: {e}\n"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn killercoda_structure() {
        check(
            "structure.json",
            r#"{"items": [{"path": "docker/01-intro", "title": "Intro"}, {"path": "./k8s"}]}"#,
            expect![[r#"
                None
                docker/01-intro Some("Intro")
                k8s None
            "#]],
        );
    }

    #[test]
    fn katacoda_pathway() {
        check(
            "kubernetes-pathway.json",
            r#"{"title": "Kubernetes", "description": "d", "icon": "fa-k8s",
  "courses": [{"course_id": "launch-single-node-cluster", "title": "Launch", "description": "x"}, {"course_id": "deploy", "title": "Deploy"}]}"#,
            expect![[r#"
                Some("Kubernetes")
                launch-single-node-cluster Some("Launch")
                deploy Some("Deploy")
            "#]],
        );
    }

    #[test]
    fn neither_items_nor_courses() {
        check(
            "structure.json",
            "{}",
            expect![[r#"
            error: structure.json: a course file needs "items" (structure.json) or "courses" (pathway)
        "#]],
        );
    }

    #[test]
    fn malformed_course() {
        check(
            "structure.json",
            "{\"items\": [\n{\"path\": }]}",
            expect![[r#"
            error: structure.json:2:10: expected value
        "#]],
        );
    }

    #[test]
    fn path_outside_is_refused() {
        check(
            "structure.json",
            "{\"items\": [\n{\"path\": \"../x\"}]}",
            expect![[r#"
            error: structure.json:2: `../x` leaves the lesson folder
        "#]],
        );
    }

    #[test]
    fn from_files_finds_pathway() {
        let mut files = Files::new();
        files.insert(
            "k8s-pathway.json".into(),
            br#"{"courses": [{"course_id": "a"}]}"#.to_vec(),
        );
        files.insert("a/index.json".into(), b"{}".to_vec());
        assert_eq!(Course::from_files(&files).unwrap().lessons.len(), 1);
        let e = Course::from_files(&Files::new()).unwrap_err();
        expect![
            "structure.json: file not found: a course needs a structure.json or a *-pathway.json"
        ]
        .assert_eq(&e.to_string());
    }
}
