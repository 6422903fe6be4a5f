//! HTTP clients: curl (7.88.1, as on the kind node and in Debian images) and busybox wget.

use super::{Run, Waiter};
use crate::context::{Cx, Place};
use crate::io::Io;
use cluster::apps::{HttpRequest, HttpResponse};
use cluster::dns::Answer;
use cluster::traffic::{ConnectError, Origin};
use cluster::Time;
use std::net::Ipv4Addr;

/// The curl version of the lab host and Debian-based images.
pub const CURL_VERSION: &str = "7.88.1";

/// Linux gives up on a SYN nobody answers after about this long (6 retries).
const SYN_TIMEOUT_MS: i64 = 127_000;
/// ARP for an address nobody has fails after about this long.
const ARP_TIMEOUT_MS: i64 = 3_060;

/// Where a command runs, as a network origin.
pub fn origin(cx: &Cx) -> Origin {
    match &cx.place {
        Place::Host => Origin::Node(cx.host.to_string()),
        Place::Pod { uid, .. } => Origin::Pod(uid.clone()),
    }
}

/// The source address of traffic from here (the node's bridge address, or the pod's IP).
fn client_ip(cx: &Cx) -> String {
    match &cx.place {
        Place::Host => "10.244.0.1".into(),
        Place::Pod { uid, .. } => cx
            .cluster
            .runtime()
            .pod(uid)
            .and_then(|p| p.ip)
            .map(|i| i.to_string())
            .unwrap_or_default(),
    }
}

/// Resolves a host name the way the place's resolver does.
pub fn resolve(cx: &mut Cx, host: &str) -> Option<Ipv4Addr> {
    if let Ok(ip) = host.parse() {
        return Some(ip);
    }
    match cx.place.clone() {
        Place::Host => cx.cluster.resolve_on_host(host),
        Place::Pod { namespace, .. } => {
            if host == "localhost" {
                return Some(Ipv4Addr::LOCALHOST);
            }
            match cx.cluster.resolve(&namespace, host).answer {
                Answer::A(records) => records.first().map(|r| r.1),
                Answer::Cname(target) => cx.cluster.resolve(&namespace, &target).answer.first_ip(),
                _ => None,
            }
        }
    }
}

trait FirstIp {
    fn first_ip(&self) -> Option<Ipv4Addr>;
}

impl FirstIp for Answer {
    fn first_ip(&self) -> Option<Ipv4Addr> {
        match self {
            Answer::A(r) => r.first().map(|x| x.1),
            _ => None,
        }
    }
}

/// A URL split into what curl needs.
struct Url {
    host: String,
    port: u16,
    path: String,
}

fn parse_url(raw: &str) -> Result<Url, String> {
    let rest = if let Some(r) = raw.strip_prefix("http://") {
        r
    } else if let Some(r) = raw.strip_prefix("https://") {
        // No TLS endpoints exist in the lab; treat as a plain connection to 443.
        return parse_url(&format!("http://{}", r)).map(|mut u| {
            if !r.split('/').next().unwrap_or("").contains(':') {
                u.port = 443;
            }
            u
        });
    } else if raw.contains("://") {
        let scheme = raw.split("://").next().unwrap_or("");
        return Err(format!(
            "curl: (1) Protocol \"{scheme}\" not supported or disabled in libcurl"
        ));
    } else {
        raw
    };
    let (hostport, path) = match rest.find('/') {
        Some(i) => (
            rest.get(..i).unwrap_or(""),
            rest.get(i..).unwrap_or("/").to_string(),
        ),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => match p.parse::<u16>() {
            Ok(n) => (h.to_string(), n),
            Err(_) if p.is_empty() => (h.to_string(), 80),
            Err(_) => {
                return Err("curl: (3) URL using bad/illegal format or missing URL".to_string())
            }
        },
        None => (hostport.to_string(), 80),
    };
    if host.is_empty() {
        return Err("curl: (3) URL using bad/illegal format or missing URL".into());
    }
    Ok(Url { host, port, path })
}

struct CurlOpts {
    silent: bool,
    show_error: bool,
    verbose: bool,
    head: bool,
    include: bool,
    fail: bool,
    method: String,
    output: Option<String>,
    connect_timeout_ms: Option<i64>,
    max_time_ms: Option<i64>,
    urls: Vec<String>,
}

fn parse_curl(argv: &[String]) -> Result<CurlOpts, (String, i32)> {
    let mut o = CurlOpts {
        silent: false,
        show_error: false,
        verbose: false,
        head: false,
        include: false,
        fail: false,
        method: "GET".into(),
        output: None,
        connect_timeout_ms: None,
        max_time_ms: None,
        urls: Vec::new(),
    };
    let secs = |v: Option<&String>| -> Option<i64> {
        v.and_then(|s| s.parse::<f64>().ok())
            .map(|s| (s * 1000.0) as i64)
    };
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "-s" | "--silent" => o.silent = true,
            "-S" | "--show-error" => o.show_error = true,
            "-v" | "--verbose" => o.verbose = true,
            "-I" | "--head" => {
                o.head = true;
                o.method = "HEAD".into();
            }
            "-i" | "--include" => o.include = true,
            "-f" | "--fail" => o.fail = true,
            "-L" | "--location" | "-k" | "--insecure" | "-4" | "--compressed" => {}
            "-X" | "--request" => o.method = it.next().cloned().unwrap_or_else(|| "GET".into()),
            "-H" | "--header" | "-A" | "--user-agent" | "-d" | "--data" | "-u" | "-w" | "--write-out" => {
                it.next();
            }
            "-o" | "--output" => o.output = it.next().cloned(),
            "--connect-timeout" => o.connect_timeout_ms = secs(it.next()),
            "-m" | "--max-time" => o.max_time_ms = secs(it.next()),
            s if s.starts_with("--") => return Err((format!("curl: option {s}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information"), 2)),
            s if s.starts_with('-') && s.len() > 1 => {
                for c in s.chars().skip(1) {
                    match c {
                        's' => o.silent = true,
                        'S' => o.show_error = true,
                        'v' => o.verbose = true,
                        'I' => {
                            o.head = true;
                            o.method = "HEAD".into();
                        }
                        'i' => o.include = true,
                        'f' => o.fail = true,
                        'L' | 'k' => {}
                        _ => return Err((format!("curl: option {s}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information"), 2)),
                    }
                }
            }
            _ => o.urls.push(a.clone()),
        }
    }
    Ok(o)
}

/// `curl [options] URL...`.
pub fn curl(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let opts = match parse_curl(argv) {
        Ok(o) => o,
        Err((msg, code)) => {
            io.eprintln(msg);
            return Run::Done(code);
        }
    };
    if opts.urls.is_empty() {
        io.eprintln("curl: try 'curl --help' or 'curl --manual' for more information");
        return Run::Done(2);
    }
    let mut status = 0;
    for raw in opts.urls.clone() {
        let url = match parse_url(&raw) {
            Ok(u) => u,
            Err(msg) => {
                if !opts.silent || opts.show_error {
                    io.eprintln(&msg);
                }
                status = if msg.contains("(1)") { 1 } else { 3 };
                continue;
            }
        };
        match fetch(cx, &opts, &url, io) {
            Fetch::Done(code) => status = code,
            Fetch::Wait {
                after_ms,
                message,
                code,
            } => {
                if !cx.may_block {
                    if !opts.silent || opts.show_error {
                        io.eprintln(message);
                    }
                    return Run::Done(code);
                }
                let quiet = opts.silent && !opts.show_error;
                return Run::Wait(Box::new(Failing {
                    at: cx.cluster.now().plus(after_ms),
                    message,
                    code,
                    quiet,
                }));
            }
        }
    }
    Run::Done(status)
}

enum Fetch {
    Done(i32),
    /// The connection attempt hangs, then fails.
    Wait {
        after_ms: i64,
        message: String,
        code: i32,
    },
}

fn fetch(cx: &mut Cx, opts: &CurlOpts, url: &Url, io: &mut Io) -> Fetch {
    let quiet = opts.silent && !opts.show_error;
    let Some(ip) = resolve(cx, &url.host) else {
        if !quiet {
            io.eprintln(format!("curl: (6) Could not resolve host: {}", url.host));
        }
        return Fetch::Done(6);
    };
    if opts.verbose {
        io.eprintln(format!("*   Trying {ip}:{}...", url.port));
    }
    let host_header = if url.port == 80 {
        url.host.clone()
    } else {
        format!("{}:{}", url.host, url.port)
    };
    let req = HttpRequest {
        method: opts.method.clone(),
        path: url.path.clone(),
        host: host_header.clone(),
        user_agent: format!("curl/{CURL_VERSION}"),
        client_ip: client_ip(cx),
    };
    let origin = origin(cx);
    let refused = |ms: i64| {
        format!(
            "curl: (7) Failed to connect to {} port {} after {ms} ms: Couldn't connect to server",
            url.host, url.port
        )
    };
    match cx.cluster.http(&origin, ip, url.port, &req) {
        Err(ConnectError::Refused) => {
            if !quiet {
                io.eprintln(refused(0));
            }
            Fetch::Done(7)
        }
        Err(ConnectError::Unreachable) => Fetch::Wait {
            after_ms: ARP_TIMEOUT_MS,
            message: refused(ARP_TIMEOUT_MS),
            code: 7,
        },
        Err(ConnectError::Timeout) => {
            let limit = match (opts.connect_timeout_ms, opts.max_time_ms) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            match limit {
                Some(ms) => Fetch::Wait { after_ms: ms, message: format!("curl: (28) Connection timed out after {} milliseconds", ms + 1), code: 28 },
                None => Fetch::Wait {
                    after_ms: SYN_TIMEOUT_MS,
                    message: format!("curl: (28) Failed to connect to {} port {} after {SYN_TIMEOUT_MS} ms: Couldn't connect to server", url.host, url.port),
                    code: 28,
                },
            }
        }
        Ok((_, None)) => {
            if opts.verbose {
                io.eprintln(format!(
                    "* Connected to {} ({ip}) port {} (#0)",
                    url.host, url.port
                ));
            }
            if !quiet {
                io.eprintln("curl: (52) Empty reply from server");
            }
            Fetch::Done(52)
        }
        Ok((_, Some(resp))) => {
            if opts.verbose {
                io.eprintln(format!(
                    "* Connected to {} ({ip}) port {} (#0)",
                    url.host, url.port
                ));
                io.eprint(format!("> {} {} HTTP/1.1\r\n> Host: {host_header}\r\n> User-Agent: curl/{CURL_VERSION}\r\n> Accept: */*\r\n> \r\n", opts.method, url.path));
                io.eprint(format!(
                    "< {} {} {}\r\n",
                    resp.version, resp.status, resp.reason
                ));
                for (k, v) in &resp.headers {
                    io.eprint(format!("< {k}: {v}\r\n"));
                }
                io.eprint("< \r\n");
            }
            if opts.fail && resp.status >= 400 {
                if !quiet {
                    io.eprintln(format!(
                        "curl: (22) The requested URL returned error: {}",
                        resp.status
                    ));
                }
                return Fetch::Done(22);
            }
            let text = render(&resp, opts.head || opts.include, !opts.head);
            match &opts.output {
                Some(path) if path != "-" && path != "/dev/stdout" => {
                    if path != "/dev/null" {
                        if let Err(e) = cx.fs.write(path, &text) {
                            io.eprintln(format!(
                                "curl: (23) Failed writing body: {path}: {}",
                                e.text()
                            ));
                            return Fetch::Done(23);
                        }
                    }
                    if !opts.silent {
                        io.eprint(progress(resp.body.len()));
                    }
                }
                _ => io.print(text),
            }
            if opts.verbose {
                io.eprintln(format!("* Connection #0 to host {} left intact", url.host));
            }
            Fetch::Done(0)
        }
    }
}

/// The progress meter curl draws on stderr when the body does not go to the terminal.
fn progress(bytes: usize) -> String {
    format!(
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 {bytes:>5}  100 {bytes:>5}    0     0   {speed:>4}k      0 --:--:-- --:--:-- --:--:--  {speed:>4}k\n",
        speed = (bytes / 1000).max(1) * 65
    )
}

fn render(resp: &HttpResponse, headers: bool, body: bool) -> String {
    let mut s = String::new();
    if headers {
        s.push_str(&format!(
            "{} {} {}\r\n",
            resp.version, resp.status, resp.reason
        ));
        for (k, v) in &resp.headers {
            s.push_str(&format!("{k}: {v}\r\n"));
        }
        s.push_str("\r\n");
    }
    if body {
        s.push_str(&resp.body);
    }
    s
}

/// A connection attempt that hangs until it times out.
struct Failing {
    at: Time,
    message: String,
    code: i32,
    quiet: bool,
}

impl Waiter for Failing {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        if cx.cluster.now() < self.at {
            return None;
        }
        if !self.quiet {
            io.eprintln(&self.message);
        }
        Some(self.code)
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        Some(self.at)
    }
}

/// busybox `wget [-q] [-O file] URL`.
pub fn wget(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut quiet = false;
    let mut output: Option<String> = None;
    let mut urls = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "-q" => quiet = true,
            "-O" => output = it.next().cloned(),
            "-qO-" | "-qO" => {
                quiet = true;
                output = Some(if a == "-qO-" {
                    "-".into()
                } else {
                    it.next().cloned().unwrap_or_default()
                });
            }
            "-O-" => output = Some("-".into()),
            "-T" | "--timeout" => {
                it.next();
            }
            s if s.starts_with('-') => {}
            _ => urls.push(a.clone()),
        }
    }
    let Some(raw) = urls.first() else {
        io.eprintln("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...");
        return Run::Done(1);
    };
    let url = match parse_url(if raw.contains("://") {
        raw.as_str()
    } else {
        raw
    }) {
        Ok(u) => u,
        Err(_) => {
            io.eprintln(format!("wget: bad address '{raw}'"));
            return Run::Done(1);
        }
    };
    let Some(ip) = resolve(cx, &url.host) else {
        io.eprintln(format!("wget: bad address '{}'", url.host));
        return Run::Done(1);
    };
    if !quiet {
        io.eprintln(format!("Connecting to {} ({ip}:{})", url.host, url.port));
    }
    let req = HttpRequest {
        method: "GET".into(),
        path: url.path.clone(),
        host: url.host.clone(),
        user_agent: "Wget".into(),
        client_ip: client_ip(cx),
    };
    let origin = origin(cx);
    match cx.cluster.http(&origin, ip, url.port, &req) {
        Err(ConnectError::Refused) => {
            io.eprintln(format!(
                "wget: can't connect to remote host ({ip}): Connection refused"
            ));
            Run::Done(1)
        }
        Err(_) => {
            io.eprintln("wget: download timed out");
            Run::Done(1)
        }
        Ok((_, None)) => {
            io.eprintln("wget: error getting response");
            Run::Done(1)
        }
        Ok((_, Some(resp))) => {
            if resp.status >= 400 {
                io.eprintln(format!(
                    "wget: server returned error: HTTP/1.1 {} {}",
                    resp.status, resp.reason
                ));
                return Run::Done(1);
            }
            match output.as_deref() {
                Some("-") => {
                    if !quiet {
                        io.eprintln("writing to stdout");
                    }
                    io.print(resp.body.clone());
                    if !quiet {
                        io.eprintln(format!("-                    100% |********************************|    {:>2}  0:00:00 ETA\nwritten to stdout", resp.body.len()));
                    }
                }
                other => {
                    let file = other
                        .map(str::to_string)
                        .unwrap_or_else(|| "index.html".into());
                    if let Err(e) = cx.fs.write(&file, &resp.body) {
                        io.eprintln(format!("wget: can't open '{file}': {}", e.text()));
                        return Run::Done(1);
                    }
                    if !quiet {
                        io.eprintln(format!("saving to '{file}'\n{file:<20} 100% |********************************|    {:>2}  0:00:00 ETA\n'{file}' saved", resp.body.len()));
                    }
                }
            }
            Run::Done(0)
        }
    }
}
