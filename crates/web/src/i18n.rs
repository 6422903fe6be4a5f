//! The UI's texts in Spanish and English. The UI follows the lesson's language unless the
//! learner picks one. `{0}`, `{1}` in a text are filled by [`Lang::fmt`].

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Es,
    En,
}

impl Lang {
    /// The language for a code (`es`, `es-ES`, `en`...); English for anything else.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("es") {
            Lang::Es
        } else {
            Lang::En
        }
    }

    /// `es` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// A text.
    pub fn t(self, t: T) -> &'static str {
        let (es, en) = t.texts();
        match self {
            Lang::Es => es,
            Lang::En => en,
        }
    }

    /// A text with `{0}`, `{1}`... replaced by `args`.
    pub fn fmt(self, t: T, args: &[&str]) -> String {
        let mut s = self.t(t).to_string();
        for (i, a) in args.iter().enumerate() {
            s = s.replace(&format!("{{{i}}}"), a);
        }
        s
    }
}

macro_rules! texts {
    ($($key:ident => $es:expr, $en:expr;)*) => {
        /// A UI text's key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            /// Every key (for tests).
            pub const ALL: &'static [T] = &[$(T::$key),*];

            /// (Spanish, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self { $(T::$key => ($es, $en)),* }
            }
        }
    };
}

texts! {
    Lesson => "Lección", "Lesson";
    Language => "Idioma", "Language";
    LangAuto => "Auto (lección)", "Auto (lesson)";
    Theme => "Tema", "Theme";
    ThemeAuto => "Sistema", "System";
    ThemeLight => "Claro", "Light";
    ThemeDark => "Oscuro", "Dark";
    Speed => "Reloj", "Clock";
    ResetLesson => "Reiniciar lección", "Reset lesson";
    ResetConfirm => "¿Reiniciar la lección? El cluster, los ficheros y el progreso vuelven al principio.", "Reset the lesson? The cluster, the files and the progress go back to the start.";
    ResetNote => "— lección reiniciada —", "— lesson reset —";
    RestartStep => "Reiniciar paso", "Restart this step";
    RestartStepTitle => "Devuelve el cluster y los ficheros al momento en que entraste en este paso", "Puts the cluster and the files back as they were when you entered this step";
    RestartNote => "— paso reiniciado: cluster y ficheros como al entrar en el paso —", "— step restarted: cluster and files as they were when the step was entered —";
    StepOf => "Paso {0} de {1}", "Step {0} of {1}";
    Previous => "Anterior", "Previous";
    Next => "Siguiente", "Next";
    Start => "Comenzar", "Start";
    Intro => "Introducción", "Introduction";
    Finish => "Final", "Finish";
    Steps => "Pasos de la lección", "Lesson steps";
    Progress => "Progreso", "Progress";
    ChecksDone => "{0} de {1} comprobaciones", "{0} of {1} checks";
    PagesDone => "{0} de {1} páginas", "{0} of {1} pages";
    StepChecks => "Comprobaciones de este paso", "This step's checks";
    Verify => "Comprobar", "Check";
    Verified => "Comprobación superada", "Check passed";
    NotYet => "Todavía no", "Not yet";
    StepDone => "Paso completado", "Step done";
    Loading => "Cargando la lección…", "Loading the lesson…";
    LoadFailed => "No se pudo cargar la lección: {0}", "The lesson could not be loaded: {0}";
    CourseFailed => "No se pudo cargar la lista de lecciones: {0}", "The lesson list could not be loaded: {0}";
    Copied => "Copiado al portapapeles", "Copied to the clipboard";
    CopyFailed => "No se pudo copiar: selecciona el texto y cópialo a mano", "Could not copy: select the text and copy it by hand";
    LessonPanel => "Lección", "Lesson";
    Workspace => "Espacio de trabajo", "Workspace";
    TerminalN => "Terminal {0}", "Terminal {0}";
    Terminals => "Terminales", "Terminals";
    NewTerminal => "Abrir otro terminal", "Open another terminal";
    CloseTerminal => "Cerrar el terminal {0}", "Close terminal {0}";
    CommandLine => "Línea de órdenes", "Command line";
    Waiting => "en espera: {0} (Ctrl-C detiene el comando en curso)", "waiting: {0} (Ctrl-C stops the running command)";
    Editor => "Editor", "Editor";
    OpenFiles => "Ficheros abiertos", "Open files";
    Save => "Guardar", "Save";
    SaveTitle => "Guardar en el laboratorio (Ctrl-S)", "Save to the lab (Ctrl-S)";
    Apply => "Aplicar", "Apply";
    ApplyTitle => "Guardar y ejecutar kubectl apply -f en el terminal", "Save and run kubectl apply -f in the terminal";
    EditorDone => "Listo", "Done";
    EditorDoneTitle => "Guardar, cerrar el archivo y seguir con el comando que lo espera", "Save, close the file and let the command waiting for it go on";
    EditorWaiting => "Un comando del terminal {0} espera este archivo: edítalo y pulsa Listo (cerrar la pestaña sin guardar lo deja como estaba).", "A command in terminal {0} is waiting for this file: edit it and press Done (closing the tab without saving leaves it as it was).";
    CloseFile => "Cerrar {0}", "Close {0}";
    Unsaved => "cambios sin guardar", "unsaved changes";
    NewFile => "fichero nuevo", "new file";
    NoProblems => "Sin errores", "No problems";
    Problems => "{0} errores", "{0} problems";
    OneProblem => "1 error", "1 problem";
    LineCol => "línea {0}, columna {1}", "line {0}, column {1}";
    NoFile => "Ningún fichero abierto. Abre uno desde la lección o escribe su ruta:", "No file open. Open one from the lesson or type its path:";
    Open => "Abrir", "Open";
    FileText => "Contenido de {0}", "Contents of {0}";
    Saved => "Guardado {0}", "Saved {0}";
    Cluster => "Cluster", "Cluster";
    ClusterView => "Vista del cluster", "Cluster view";
    Nodes => "Nodos", "Nodes";
    Pods => "Pods", "Pods";
    Workloads => "Cargas de trabajo", "Workloads";
    Services => "Servicios", "Services";
    Endpoints => "Endpoints", "Endpoints";
    NoEndpoints => "sin endpoints", "no endpoints";
    Namespace => "Espacio de nombres", "Namespace";
    AllNamespaces => "Todos", "All";
    Filter => "Filtrar por nombre", "Filter by name";
    Recent => "Conexiones recientes a través de Services", "Recent connections through Services";
    NoFlows => "Ninguna todavía: prueba curl a la CLUSTER-IP de un Service.", "None yet: try curl to a Service's CLUSTER-IP.";
    Answered => "respondió", "answered";
    SecondsAgo => "hace {0} s", "{0} s ago";
    Standalone => "Pods sin controlador", "Pods without a controller";
    Ready => "listos", "ready";
    NoPods => "No hay pods", "No pods";
    PodsSummary => "{0} pods: {1} listos, {2} arrancando, {3} con errores, {4} terminando", "{0} pods: {1} ready, {2} starting, {3} failing, {4} terminating";
    LastAnswer => "último en responder: {0}", "last to answer: {0}";
    Hits => "{0} respuestas recientes", "{0} recent answers";
    SaveFailed => "No se pudo guardar el progreso: {0}", "Progress could not be saved: {0}";
    TooBigToSave => "El cluster ({0} objetos, {1} MB) no cabe en el almacenamiento del navegador: no se guardará hasta que tenga la mitad; si recargas la página, volverá el último estado guardado.", "The cluster ({0} objects, {1} MB) does not fit in the browser's storage: it is not saved until it has half as many; a reload brings back the last state saved.";
    LoadStateFailed => "Los datos guardados no se pudieron leer ({0}); se ha empezado un laboratorio nuevo.", "Saved data could not be read ({0}); a fresh lab was started.";
    Dismiss => "Cerrar aviso", "Dismiss";
    ResizeLesson => "Ancho del panel de la lección", "Lesson panel width";
    ResizeTerminal => "Alto del terminal", "Terminal height";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_in_both_languages() {
        for t in T::ALL {
            let (es, en) = t.texts();
            assert!(!es.is_empty() && !en.is_empty(), "{t:?}");
            // The same placeholders in both.
            for i in 0..5 {
                let p = format!("{{{i}}}");
                assert_eq!(es.contains(&p), en.contains(&p), "{t:?} {p}");
            }
        }
    }

    #[test]
    fn formats_and_codes() {
        assert_eq!(Lang::Es.fmt(T::StepOf, &["1", "3"]), "Paso 1 de 3");
        assert_eq!(Lang::En.fmt(T::StepOf, &["1", "3"]), "Step 1 of 3");
        assert_eq!(Lang::from_code("es-ES"), Lang::Es);
        assert_eq!(Lang::from_code("fr"), Lang::En);
        assert_eq!(Lang::En.code(), "en");
    }
}
