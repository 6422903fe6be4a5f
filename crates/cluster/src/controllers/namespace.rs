//! Namespace lifecycle: new namespaces get their `default` ServiceAccount and the
//! `kube-root-ca.crt` ConfigMap; a terminating namespace is emptied, then removed.

use crate::cluster::Cluster;
use crate::kind::RESOURCE_TYPES;
use crate::object;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::json;

/// The cluster CA every namespace's `kube-root-ca.crt` carries (a fixed, made-up certificate).
pub const ROOT_CA: &str = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubeplayCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\n-----END CERTIFICATE-----\n";

/// Reconciles one namespace.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let ns = cl.store.get("Namespace", key)?.clone();
    let name = object::name(&ns).to_string();
    if object::is_terminating(&ns) {
        let mut left = 0;
        for rt in RESOURCE_TYPES.iter().filter(|r| r.namespaced && r.storable) {
            let names: Vec<String> = cl
                .store
                .list_ns(rt.kind, &name)
                .map(|o| object::name(o).to_string())
                .collect();
            left += names.len();
            for n in names {
                let _ = cl.delete_unsettled(rt, &name, &n, Default::default());
            }
        }
        if left == 0 {
            cl.store.remove("Namespace", key);
        }
        return None;
    }
    if cl
        .store
        .get_named("ServiceAccount", &name, "default")
        .is_none()
    {
        let sa = json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": name}});
        let _ = cl.create_unsettled(sa);
    }
    if cl
        .store
        .get_named("ConfigMap", &name, "kube-root-ca.crt")
        .is_none()
    {
        let cm = json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "kube-root-ca.crt", "namespace": name,
                         "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
            "data": {"ca.crt": ROOT_CA},
        });
        let _ = cl.create_unsettled(cm);
    }
    None
}
