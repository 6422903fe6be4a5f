//! The address of a lesson page in the URL's fragment: `#/<lesson>/<step>`, where step is
//! `intro`, a step number (1-based, as the lesson numbers them) or `finish`. An instructor can
//! link a room straight to a step.

/// A page of a lesson, as the URL names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepRef {
    /// The intro page.
    Intro,
    /// Step N (1-based).
    Step(usize),
    /// The finish page.
    Finish,
}

/// A parsed fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The lesson's folder name.
    pub lesson: String,
    /// The page, if named.
    pub step: Option<StepRef>,
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !s.starts_with('.')
}

/// Reads `#/lesson/step` (also without `#` or the leading `/`); `None` when it names no
/// valid lesson.
pub fn parse(hash: &str) -> Option<Route> {
    let h = hash.trim().trim_start_matches('#').trim_start_matches('/');
    let mut parts = h.split('/').filter(|p| !p.is_empty());
    let lesson = parts.next()?;
    if !valid_id(lesson) {
        return None;
    }
    let step = parts
        .next()
        .and_then(|s| match s.to_ascii_lowercase().as_str() {
            "intro" | "0" => Some(StepRef::Intro),
            "finish" | "fin" | "end" => Some(StepRef::Finish),
            n => n.parse::<usize>().ok().map(StepRef::Step),
        });
    Some(Route {
        lesson: lesson.to_string(),
        step,
    })
}

/// The page index for a step, given whether the lesson has an intro and how many steps.
pub fn page_of(step: &StepRef, has_intro: bool, steps: usize, has_finish: bool) -> usize {
    let first_step = usize::from(has_intro);
    let last = first_step + steps + usize::from(has_finish);
    match step {
        StepRef::Intro => 0,
        StepRef::Step(n) => (first_step + n.saturating_sub(1)).min(last.saturating_sub(1)),
        StepRef::Finish => last.saturating_sub(1),
    }
}

/// The step a page index is, the inverse of [`page_of`].
pub fn step_of(page: usize, has_intro: bool, steps: usize) -> StepRef {
    if has_intro && page == 0 {
        return StepRef::Intro;
    }
    let n = page + 1 - usize::from(has_intro);
    if n > steps {
        StepRef::Finish
    } else {
        StepRef::Step(n)
    }
}

/// Writes the fragment for a lesson page.
pub fn format(lesson: &str, step: &StepRef) -> String {
    match step {
        StepRef::Intro => format!("#/{lesson}/intro"),
        StepRef::Step(n) => format!("#/{lesson}/{n}"),
        StepRef::Finish => format!("#/{lesson}/finish"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(
            parse("#/servicios-es/1"),
            Some(Route {
                lesson: "servicios-es".into(),
                step: Some(StepRef::Step(1))
            })
        );
        assert_eq!(parse("services-en").map(|r| r.step), Some(None));
        assert_eq!(
            parse("#/x/finish").and_then(|r| r.step),
            Some(StepRef::Finish)
        );
        assert_eq!(
            parse("#/x/intro").and_then(|r| r.step),
            Some(StepRef::Intro)
        );
        assert_eq!(parse("#/x/zz").and_then(|r| r.step), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("#/"), None);
        assert_eq!(parse("#/../etc"), None);
        assert_eq!(parse("#/a%20b"), None);
    }

    #[test]
    fn pages_and_back() {
        // intro, step 1, step 2, finish
        assert_eq!(page_of(&StepRef::Intro, true, 2, true), 0);
        assert_eq!(page_of(&StepRef::Step(1), true, 2, true), 1);
        assert_eq!(page_of(&StepRef::Step(9), true, 2, true), 3);
        assert_eq!(page_of(&StepRef::Finish, true, 2, true), 3);
        assert_eq!(page_of(&StepRef::Step(1), false, 2, false), 0);
        assert_eq!(page_of(&StepRef::Step(0), false, 2, false), 0);
        assert_eq!(page_of(&StepRef::Finish, false, 0, false), 0);
        for p in 0..4 {
            let s = step_of(p, true, 2);
            assert_eq!(page_of(&s, true, 2, true), p);
        }
        assert_eq!(format("a", &step_of(1, true, 2)), "#/a/1");
        assert_eq!(format("a", &step_of(3, true, 2)), "#/a/finish");
    }
}
