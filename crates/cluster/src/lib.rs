//! The simulated Kubernetes cluster: an object store with real API semantics, the controllers
//! that act on it, the node runtime, the pod network, kube-proxy and cluster DNS.
//!
//! Pure and deterministic: the caller passes in the time and the seed; nothing here reads a
//! clock, touches the network or knows about text commands.

pub mod api;
pub mod apps;
pub mod cluster;
pub mod controllers;
pub mod cron;
pub mod defaults;
pub mod dns;
pub mod error;
pub mod events;
pub mod images;
pub mod kind;
pub mod kubelet;
pub mod network;
pub mod node_affinity;
pub mod object;
pub mod owned_pods;
pub mod pod_facts;
pub mod pod_row;
pub mod process;
pub mod profile;
pub mod rng;
pub mod schema;
pub mod scripts;
pub mod secret;
pub mod selector;
pub mod sort;
pub mod store;
pub mod time;
pub mod traffic;
pub mod validate;

pub use api::{DeleteOptions, MAX_OBJECTS};
pub use cluster::Cluster;
pub use error::{ApiError, FieldError};
pub use kind::ResourceType;
pub use object::Object;
pub use profile::Profile;
pub use store::ObjKey;
pub use time::Time;
