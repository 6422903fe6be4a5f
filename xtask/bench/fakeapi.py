#!/usr/bin/env python3
"""A loopback fake kube-apiserver for `cargo xtask bench`: just enough discovery for the real
kubectl to run `kubectl get pods -o wide -n pods-N`, where namespace `pods-N` holds N generated
Running pods. Like a real v1.32 API server it answers kubectl's `as=Table` request with a
server-side printed Table (with each row's object metadata), or a PodList otherwise.

Usage: fakeapi.py DIR N [N ...]
Listens on an ephemeral 127.0.0.1 port, writes DIR/kubeconfig pointing at it, then prints
`ready PORT` on stdout. Python 3 standard library only.
"""
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# The same clock for every pod: an age of 5 minutes, as in a freshly scaled Deployment.
CREATED = "2026-01-01T00:00:00Z"
AGE = "5m"
ALPHABET = "bcdfghjklmnpqrstvwxz2456789"

COLUMNS = [
    ("Name", "name", 0), ("Ready", "", 0), ("Status", "", 0), ("Restarts", "", 0),
    ("Age", "", 0), ("IP", "", 1), ("Node", "", 1), ("Nominated Node", "", 1),
    ("Readiness Gates", "", 1),
]


def suffix(i, width):
    """A deterministic pod-name suffix in Kubernetes' alphabet."""
    s = ""
    for _ in range(width):
        s += ALPHABET[i % len(ALPHABET)]
        i //= len(ALPHABET)
    return s


def pod(ns, i):
    name = "web-7d4b9c8f6d-" + suffix(i * 7919 + 13, 5)
    node = "kind-worker" + ("" if i % 100 == 0 else str(i % 100 + 1))
    ip = "10.244.%d.%d" % (i % 100 + 1, i // 100 % 250 + 2)
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {
            "name": name, "namespace": ns, "generateName": "web-7d4b9c8f6d-",
            "labels": {"app": "web", "pod-template-hash": "7d4b9c8f6d"},
            "uid": "00000000-0000-4000-8000-%012d" % i, "resourceVersion": str(1000 + i),
            "creationTimestamp": CREATED,
        },
        "spec": {"nodeName": node, "containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]},
        "status": {
            "phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}], "hostIP": "172.18.0.3",
            "containerStatuses": [{"name": "hello-app", "ready": True, "restartCount": 0, "state": {"running": {"startedAt": CREATED}}}],
        },
    }


def table(pods):
    rows = []
    for p in pods:
        m = p["metadata"]
        rows.append({
            "cells": [m["name"], "1/1", "Running", "0", AGE, p["status"]["podIP"], p["spec"]["nodeName"], "<none>", "<none>"],
            "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": m},
        })
    return {
        "kind": "Table", "apiVersion": "meta.k8s.io/v1",
        "columnDefinitions": [{"name": n, "type": "string", "format": f, "description": "", "priority": p} for (n, f, p) in COLUMNS],
        "rows": rows,
    }


def resource(name, kind, short):
    return {"name": name, "singularName": name[:-1], "namespaced": True, "kind": kind,
            "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"], "shortNames": short}


DISCOVERY = {
    "/api": {"kind": "APIVersions", "versions": ["v1"],
             "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:0"}]},
    "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": []},
    "/api/v1": {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1",
                "resources": [resource("pods", "Pod", ["po"])]},
    "/version": {"major": "1", "minor": "32", "gitVersion": "v1.32.2", "platform": "linux/amd64"},
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Bodies by (namespace, as-table), encoded once: the server's own cost stays out of kubectl's time.
    cache = {}
    sizes = []

    def log_message(self, *args):
        pass

    def send(self, code, body, ctype="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in DISCOVERY:
            return self.send(200, json.dumps(DISCOVERY[path]).encode())
        m = re.match(r"^/api/v1/namespaces/pods-(\d+)/pods$", path)
        if m and int(m.group(1)) in self.sizes:
            # Chunks of `limit` (kubectl asks for 500) with a `continue` token, as a real server.
            q = parse_qs(urlparse(self.path).query)
            limit = int((q.get("limit") or ["0"])[0]) or None
            start = int((q.get("continue") or ["0"])[0])
            want_table = "as=Table" in (self.headers.get("Accept") or "")
            key = (int(m.group(1)), want_table, start, limit)
            if key not in self.cache:
                n = key[0]
                ns = "pods-%d" % n
                end = n if limit is None else min(n, start + limit)
                pods = [pod(ns, i) for i in range(start, end)]
                meta = {"resourceVersion": "99999"}
                if end < n:
                    meta["continue"] = str(end)
                    meta["remainingItemCount"] = n - end
                doc = table(pods) if want_table else {"kind": "PodList", "apiVersion": "v1", "items": pods}
                doc["metadata"] = meta
                self.cache[key] = json.dumps(doc).encode()
            return self.send(200, self.cache[key])
        body = {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404,
                "message": "the server could not find the requested resource"}
        return self.send(404, json.dumps(body).encode())


KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:%d
  name: fake
contexts:
- context:
    cluster: fake
    user: fake
    namespace: default
  name: fake
current-context: fake
users:
- name: fake
  user: {}
"""


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out = sys.argv[1]
    Handler.sizes = [int(n) for n in sys.argv[2:]]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    with open(os.path.join(out, "kubeconfig"), "w") as f:
        f.write(KUBECONFIG % port)
    print("ready %d" % port, flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
