# `kubectl run --expose`: the pod and a Service of the same name in front of it (kubectl's
# service/v2 generator); the dry runs checked against kubectl v1.32.4.
$ kubectl run web --image=gcr.io/google-samples/hello-app:1.0 --port=8080 --expose
service/web created
pod/web created
$ sleep 10
$ kubectl get svc,ep web
NAME          TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)    AGE
service/web   ClusterIP   10.96.207.204   <none>        8080/TCP   10s

NAME            ENDPOINTS         AGE
endpoints/web   10.244.0.5:8080   10s
$ kubectl run client --image=busybox --restart=Never --rm -i -- wget -qO- web:8080
Hello, world!
Version: 1.0.0
Hostname: web
pod "client" deleted
$ kubectl run web2 --image=nginx --expose
! error: --port must be set when exposing a service
! See 'kubectl run -h' for help and examples
? 1
$ kubectl run web2 --image=nginx --port=abc
! error: strconv.Atoi: parsing "abc": invalid syntax
? 1
$ kubectl run web2 --image=nginx --port=99999999999999999999 --expose
! error: strconv.Atoi: parsing "99999999999999999999": value out of range
? 1
$ kubectl get pods web2
! Error from server (NotFound): pods "web2" not found
? 1
# The pod is made first: when it exists, nothing else is.
$ kubectl run web --image=nginx --port=80 --expose
! error: failed to create pod: pods "web" already exists
? 1
# When only the Service exists, the pod is made and the Service's error comes after.
$ kubectl create service clusterip taken --tcp=80
service/taken created
$ kubectl run taken --image=nginx --port=80 --expose
pod/taken created
! Error from server (AlreadyExists): services "taken" already exists
? 1
$ kubectl get pod taken -o name
pod/taken
$ kubectl run web4 --image=nginx --port=80 --expose --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  name: web4
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    run: web4
status:
  loadBalancer: {}
---
---
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: web4
  name: web4
spec:
  containers:
  - image: nginx
    name: web4
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
$ kubectl run web4 --image=nginx --port=8080 --expose -l app=x,tier=y --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: x
    tier: "y"
  name: web4
spec:
  ports:
  - port: 8080
    protocol: TCP
    targetPort: 8080
  selector:
    app: x
    tier: "y"
status:
  loadBalancer: {}
---
---
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    app: x
    tier: "y"
  name: web4
spec:
  containers:
  - image: nginx
    name: web4
    ports:
    - containerPort: 8080
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
$ kubectl run web4 --image=nginx --port=80 --expose --dry-run=client -o json
{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "web4",
        "creationTimestamp": null
    },
    "spec": {
        "ports": [
            {
                "protocol": "TCP",
                "port": 80,
                "targetPort": 80
            }
        ],
        "selector": {
            "run": "web4"
        }
    },
    "status": {
        "loadBalancer": {}
    }
}
{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "web4",
        "creationTimestamp": null,
        "labels": {
            "run": "web4"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "web4",
                "image": "nginx",
                "ports": [
                    {
                        "containerPort": 80
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
$ kubectl run web4 --image=nginx --port=80 --expose --dry-run=client -o name
service/web4
pod/web4
$ kubectl run web4 --image=nginx --port=80 --expose --dry-run=client -o jsonpath='{.kind}'
ServicePod%
$ kubectl run web4 --image=nginx --port=80 --expose --dry-run=client
service/web4 created (dry run)
pod/web4 created (dry run)
$ kubectl run web4 --image=nginx --port=80 --expose --dry-run=server
service/web4 created (server dry run)
pod/web4 created (server dry run)
$ kubectl get svc web4
! Error from server (NotFound): services "web4" not found
? 1
