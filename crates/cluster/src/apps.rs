//! The programs of the image catalogue: what they log at start, which ports they listen on and
//! how they answer HTTP.

use crate::images::App;
use crate::kubelet::{log, Container, Stream};
use crate::time::Time;

/// A protocol a program listens with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

fn env_value<'a>(env: &'a [(String, String)], key: &str) -> Option<&'a str> {
    env.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// hello-app listens on `$PORT`, 8080 when unset.
fn hello_port(env: &[(String, String)]) -> u16 {
    env_value(env, "PORT")
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080)
}

/// The ports a program listens on.
pub fn listening(app: App, env: &[(String, String)]) -> Vec<(u16, Proto)> {
    match app {
        App::HelloApp { .. } => vec![(hello_port(env), Proto::Tcp)],
        App::Nginx => vec![(80, Proto::Tcp)],
        App::CoreDns => vec![
            (53, Proto::Udp),
            (53, Proto::Tcp),
            (8080, Proto::Tcp),
            (8181, Proto::Tcp),
            (9153, Proto::Tcp),
        ],
        App::Agnhost => vec![(80, Proto::Tcp)],
        App::Daemon | App::Shell => Vec::new(),
    }
}

/// What a program writes when it starts.
pub fn on_start(app: App, env: &[(String, String)], now: Time, c: &mut Container) {
    match app {
        App::HelloApp { .. } => {
            log(
                c,
                now,
                Stream::Stderr,
                format!(
                    "{} Server listening on port {}",
                    now.go_log(),
                    hello_port(env)
                ),
            );
        }
        App::Nginx => {
            for line in [
                "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                "/docker-entrypoint.sh: Configuration complete; ready for start up",
            ] {
                log(c, now, Stream::Stdout, line);
            }
            let t = now.go_log();
            for line in [
                "[notice] 1#1: using the \"epoll\" event method".to_string(),
                format!("[notice] 1#1: nginx/{NGINX_VERSION}"),
                "[notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ".to_string(),
                "[notice] 1#1: OS: Linux 6.8.0-1015-gcp".to_string(),
                "[notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576".to_string(),
                "[notice] 1#1: start worker processes".to_string(),
                "[notice] 1#1: start worker process 29".to_string(),
                "[notice] 1#1: start worker process 30".to_string(),
            ] {
                log(c, now, Stream::Stderr, format!("{t} {line}"));
            }
        }
        App::CoreDns => {
            log(c, now, Stream::Stdout, ".:53");
            log(c, now, Stream::Stdout, "[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908");
            log(c, now, Stream::Stdout, "CoreDNS-1.11.3");
            log(c, now, Stream::Stdout, "linux/amd64, go1.21.11, a6338e9");
        }
        App::Daemon | App::Shell | App::Agnhost => {}
    }
}

/// The nginx version the `nginx` image reports.
pub const NGINX_VERSION: &str = "1.27.3";

/// An HTTP request as a client sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// GET, HEAD, POST...
    pub method: String,
    /// The path with query (`/`).
    pub path: String,
    /// The Host header.
    pub host: String,
    /// The User-Agent header.
    pub user_agent: String,
    /// The client's address (for access logs).
    pub client_ip: String,
}

/// An HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    /// `HTTP/1.1`.
    pub version: &'static str,
    /// 200...
    pub status: u16,
    /// `OK`.
    pub reason: &'static str,
    /// Headers in the order the server sends them.
    pub headers: Vec<(String, String)>,
    /// The body (empty for HEAD).
    pub body: String,
}

/// Go's `http.TimeFormat`: `Thu, 26 Nov 2026 04:10:02 GMT`.
fn http_date(now: Time) -> String {
    now.rfc1123z().replace(" +0000", " GMT")
}

const NGINX_PAGE: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

/// nginx's access-log time: `26/Nov/2026:04:10:02 +0000`.
fn clf_date(now: Time) -> String {
    let r = now.rfc1123z(); // Thu, 26 Nov 2026 04:10:02 +0000
    let parts: Vec<&str> = r.split(' ').collect();
    match parts.as_slice() {
        [_, day, mon, year, time, zone] => format!("{day}/{mon}/{year}:{time} {zone}"),
        _ => r,
    }
}

/// Serves one HTTP request; `None` when the program does not speak HTTP on that port.
pub fn serve_http(
    app: App,
    hostname: &str,
    port: u16,
    env: &[(String, String)],
    req: &HttpRequest,
    now: Time,
    c: &mut Container,
) -> Option<HttpResponse> {
    match app {
        App::HelloApp { major } if port == hello_port(env) => {
            let version = format!("{major}.0.0");
            log(
                c,
                now,
                Stream::Stderr,
                format!(
                    "{} Serving request: {}",
                    now.go_log(),
                    req.path.split('?').next().unwrap_or("/")
                ),
            );
            let body = format!("Hello, world!\nVersion: {version}\nHostname: {hostname}\n");
            let headers = vec![
                ("Date".to_string(), http_date(now)),
                ("Content-Length".to_string(), body.len().to_string()),
                (
                    "Content-Type".to_string(),
                    "text/plain; charset=utf-8".to_string(),
                ),
            ];
            let body = if req.method == "HEAD" {
                String::new()
            } else {
                body
            };
            Some(HttpResponse {
                version: "HTTP/1.1",
                status: 200,
                reason: "OK",
                headers,
                body,
            })
        }
        App::Nginx if port == 80 => {
            let (status, reason, body) = if req.path == "/" || req.path == "/index.html" {
                (200, "OK", NGINX_PAGE.to_string())
            } else {
                (
                    404,
                    "Not Found",
                    format!("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/{NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n"),
                )
            };
            log(
                c,
                now,
                Stream::Stdout,
                format!(
                    "{} - - [{}] \"{} {} HTTP/1.1\" {status} {} \"-\" \"{}\" \"-\"",
                    req.client_ip,
                    clf_date(now),
                    req.method,
                    req.path,
                    body.len(),
                    req.user_agent
                ),
            );
            let mut headers = vec![
                ("Server".to_string(), format!("nginx/{NGINX_VERSION}")),
                ("Date".to_string(), http_date(now)),
                ("Content-Type".to_string(), "text/html".to_string()),
                ("Content-Length".to_string(), body.len().to_string()),
            ];
            if status == 200 {
                headers.push((
                    "Last-Modified".to_string(),
                    "Tue, 26 Nov 2024 15:55:00 GMT".to_string(),
                ));
            }
            headers.push(("Connection".to_string(), "keep-alive".to_string()));
            if status == 200 {
                headers.push(("ETag".to_string(), "\"6745ef54-267\"".to_string()));
                headers.push(("Accept-Ranges".to_string(), "bytes".to_string()));
            }
            let body = if req.method == "HEAD" {
                String::new()
            } else {
                body
            };
            Some(HttpResponse {
                version: "HTTP/1.1",
                status,
                reason,
                headers,
                body,
            })
        }
        App::Agnhost if port == 80 => {
            let body = "NOW: ".to_string() + &now.rfc3339();
            Some(HttpResponse {
                version: "HTTP/1.1",
                status: 200,
                reason: "OK",
                headers: vec![
                    ("Date".into(), http_date(now)),
                    ("Content-Length".into(), body.len().to_string()),
                    ("Content-Type".into(), "text/plain; charset=utf-8".into()),
                ],
                body,
            })
        }
        _ => None,
    }
}
