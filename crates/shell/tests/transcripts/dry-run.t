# Client dry runs print the typed object kubectl built (checked against kubectl 1.32.4):
# creationTimestamp: null in every ObjectMeta, empty structs as {}, status as its zero value.
# seed: 1
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --dry-run=client -o yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: gcr.io/google-samples/hello-app:1.0
        name: hello-app
        resources: {}
status: {}
$ kubectl create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
$ kubectl create service clusterip web --tcp=80:8080 --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
$ kubectl create service nodeport web --tcp=80:8080 --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: NodePort
status:
  loadBalancer: {}
$ kubectl create namespace dev --dry-run=client -o yaml
apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: null
  name: dev
spec: {}
status: {}
$ kubectl create configmap cfg --from-literal=a=b --dry-run=client -o yaml
apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: cfg
$ kubectl create secret generic s --from-literal=a=b --dry-run=client -o yaml
apiVersion: v1
data:
  a: Yg==
kind: Secret
metadata:
  creationTimestamp: null
  name: s
$ kubectl run nginx --image=nginx --dry-run=client -o yaml
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
$ kubectl get deploy,svc,ns,cm,secret,pods -o name
service/kubernetes
namespace/default
namespace/kube-node-lease
namespace/kube-public
namespace/kube-system
namespace/local-path-storage
configmap/kube-root-ca.crt
$ kubectl create deployment web --image=nginx --dry-run=client
deployment.apps/web created (dry run)
$ kubectl create deployment web --image=nginx --dry-run=server -o name
deployment.apps/web
# A generator's object is a Go struct in kubectl: -o json writes its fields in the struct's
# order (kind first), maps sorted (checked against kubectl v1.32.4).
$ kubectl create deployment web --image=nginx --replicas=2 --port=80 --dry-run=client -o json
{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "replicas": 2,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "nginx",
                        "image": "nginx",
                        "ports": [
                            {
                                "containerPort": 80
                            }
                        ],
                        "resources": {}
                    }
                ]
            }
        },
        "strategy": {}
    },
    "status": {}
}
$ kubectl create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o json
{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "ports": [
            {
                "name": "80-8080",
                "protocol": "TCP",
                "port": 80,
                "targetPort": 8080,
                "nodePort": 30080
            }
        ],
        "selector": {
            "app": "web"
        },
        "type": "NodePort"
    },
    "status": {
        "loadBalancer": {}
    }
}
$ kubectl create configmap cfg --from-literal=b=2 --from-literal=a=1 --dry-run=client -o json
{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "cfg",
        "creationTimestamp": null
    },
    "data": {
        "a": "1",
        "b": "2"
    }
}
$ kubectl create secret generic s --from-literal=a=1 --dry-run=client -o json
{
    "kind": "Secret",
    "apiVersion": "v1",
    "metadata": {
        "name": "s",
        "creationTimestamp": null
    },
    "data": {
        "a": "MQ=="
    }
}
$ kubectl create cronjob cj --image=busybox --schedule='*/1 * * * *' --dry-run=client -o json -- echo hi
{
    "kind": "CronJob",
    "apiVersion": "batch/v1",
    "metadata": {
        "name": "cj",
        "creationTimestamp": null
    },
    "spec": {
        "schedule": "*/1 * * * *",
        "jobTemplate": {
            "metadata": {
                "name": "cj",
                "creationTimestamp": null
            },
            "spec": {
                "template": {
                    "metadata": {
                        "creationTimestamp": null
                    },
                    "spec": {
                        "containers": [
                            {
                                "name": "cj",
                                "image": "busybox",
                                "command": [
                                    "echo",
                                    "hi"
                                ],
                                "resources": {}
                            }
                        ],
                        "restartPolicy": "OnFailure"
                    }
                }
            }
        }
    },
    "status": {}
}
$ kubectl run web --image=nginx --port=80 --env=A=1 --labels=app=web,tier=x --dry-run=client -o json
{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web",
            "tier": "x"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "web",
                "image": "nginx",
                "ports": [
                    {
                        "containerPort": 80
                    }
                ],
                "env": [
                    {
                        "name": "A",
                        "value": "1"
                    }
                ],
                "resources": {}
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
# A ServiceAccount has no status; an ExternalName service keeps its selector.
$ kubectl create serviceaccount robot --dry-run=client -o yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  creationTimestamp: null
  name: robot
$ kubectl create service externalname ext --external-name=example.com --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: ext
  name: ext
spec:
  externalName: example.com
  selector:
    app: ext
  type: ExternalName
status:
  loadBalancer: {}
