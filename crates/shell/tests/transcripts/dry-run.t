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
