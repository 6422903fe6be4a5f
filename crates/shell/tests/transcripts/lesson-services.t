# The Spanish "Pod Networking / Services" lesson, typed by a learner who reads between steps.
# seed: 1
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
deployment.apps/web created
$ sleep 10
$ kubectl scale --replicas=3 deployment web
deployment.apps/web scaled
$ kubectl get pods --selector app=web -o wide
NAME                  READY   STATUS              RESTARTS   AGE   IP           NODE                 NOMINATED NODE   READINESS GATES
web-c88c85f94-4rprd   0/1     ContainerCreating   0          0s    <none>       kind-control-plane   <none>           <none>
web-c88c85f94-kn4n4   1/1     Running             0          10s   10.244.0.5   kind-control-plane   <none>           <none>
web-c88c85f94-wx6nk   0/1     ContainerCreating   0          0s    <none>       kind-control-plane   <none>           <none>
$ sleep 10
$ kubectl get pods --selector app=web -o wide
NAME                  READY   STATUS    RESTARTS   AGE   IP           NODE                 NOMINATED NODE   READINESS GATES
web-c88c85f94-4rprd   1/1     Running   0          10s   10.244.0.6   kind-control-plane   <none>           <none>
web-c88c85f94-kn4n4   1/1     Running   0          20s   10.244.0.5   kind-control-plane   <none>           <none>
web-c88c85f94-wx6nk   1/1     Running   0          10s   10.244.0.7   kind-control-plane   <none>           <none>
$ curl 10.244.0.5:8080
Hello, world!
Version: 1.0.0
Hostname: web-c88c85f94-kn4n4
$ kubectl delete pods --selector app=web
pod "web-c88c85f94-4rprd" deleted
pod "web-c88c85f94-kn4n4" deleted
pod "web-c88c85f94-wx6nk" deleted
$ kubectl get pods --selector app=web -o wide
NAME                  READY   STATUS    RESTARTS   AGE   IP            NODE                 NOMINATED NODE   READINESS GATES
web-c88c85f94-2gr7d   1/1     Running   0          1s    10.244.0.10   kind-control-plane   <none>           <none>
web-c88c85f94-9jbqs   1/1     Running   0          1s    10.244.0.9    kind-control-plane   <none>           <none>
web-c88c85f94-r5z7v   1/1     Running   0          1s    10.244.0.8    kind-control-plane   <none>           <none>
$ sleep 5
$ kubectl get pods --selector app=web -o wide
NAME                  READY   STATUS    RESTARTS   AGE   IP            NODE                 NOMINATED NODE   READINESS GATES
web-c88c85f94-2gr7d   1/1     Running   0          6s    10.244.0.10   kind-control-plane   <none>           <none>
web-c88c85f94-9jbqs   1/1     Running   0          6s    10.244.0.9    kind-control-plane   <none>           <none>
web-c88c85f94-r5z7v   1/1     Running   0          6s    10.244.0.8    kind-control-plane   <none>           <none>
$ mkdir -p manifests
$ cat > manifests/web-clusterip-svc.yaml <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web-service
spec:
  type: ClusterIP
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    protocol: TCP
EOF
$$
$ kubectl apply -f manifests/web-clusterip-svc.yaml
service/web-service created
$ kubectl get service web-service -o wide
NAME          TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE   SELECTOR
web-service   ClusterIP   10.96.111.153   <none>        80/TCP    0s    app=web
$ for i in 1 2 3 4; do curl -s $(kubectl get service web-service -o jsonpath='{.spec.clusterIP}'):80 | grep Hostname; done
Hostname: web-c88c85f94-9jbqs
Hostname: web-c88c85f94-r5z7v
Hostname: web-c88c85f94-9jbqs
Hostname: web-c88c85f94-9jbqs
$ cat > manifests/dnsutils.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: dnsutils
spec:
  containers:
  - name: dnsutils
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command:
    - sleep
    - "3600"
  restartPolicy: Always
EOF
$$
$ kubectl apply -f manifests/dnsutils.yaml
pod/dnsutils created
$ sleep 20
$ kubectl exec -ti dnsutils -- nslookup web-service
Server:		10.96.0.10
Address:	10.96.0.10#53

Name:	web-service.default.svc.cluster.local
Address: 10.96.111.153

$ cat > manifests/web-headless-svc.yaml <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web-headless
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 8080
    targetPort: 8080
EOF
$$
$ kubectl apply -f manifests/web-headless-svc.yaml
service/web-headless created
$ kubectl exec -ti dnsutils -- nslookup web-headless
Server:		10.96.0.10
Address:	10.96.0.10#53

Name:	web-headless.default.svc.cluster.local
Address: 10.244.0.8
Name:	web-headless.default.svc.cluster.local
Address: 10.244.0.10
Name:	web-headless.default.svc.cluster.local
Address: 10.244.0.9

$ kubectl get endpoints
NAME           ENDPOINTS                                          AGE
kubernetes     172.18.0.2:6443                                    5m46s
web-headless   10.244.0.10:8080,10.244.0.8:8080,10.244.0.9:8080   0s
web-service    10.244.0.10:8080,10.244.0.8:8080,10.244.0.9:8080   20s
$ kubectl get svc
NAME           TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)    AGE
kubernetes     ClusterIP   10.96.0.1       <none>        443/TCP    5m46s
web-headless   ClusterIP   None            <none>        8080/TCP   0s
web-service    ClusterIP   10.96.111.153   <none>        80/TCP     20s
$ kubectl exec -ti dnsutils -- nslookup nosuchsvc
Server:		10.96.0.10
Address:	10.96.0.10#53

** server can't find nosuchsvc: NXDOMAIN

! command terminated with exit code 1
? 1
$ kubectl exec dnsutils -- curl web-service
! error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "7935d95e71829e0c28871a74deff69369da622404d7a675d502e7a322d8acd5b": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown
? 1
