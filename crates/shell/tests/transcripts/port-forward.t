# `kubectl port-forward`: a background job listening on the host's loopback; each connection
# reaches the pod (a Service's port becomes the pod's target port, as kubectl translates it)
# and the job says `Handling connection for PORT`. Errors in kubectl's and client-go's words.
# seed: 4
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2
deployment.apps/web created
$ kubectl expose deployment web --port=80 --target-port=8080
service/web exposed
$ kubectl port-forward svc/web 8080:80
! error: unable to forward port because pod is not running. Current status=Pending
? 1
$ sleep 5
$ kubectl port-forward svc/web 8080:80 &
! [1] 2313
Forwarding from 127.0.0.1:8080 -> 8080
Forwarding from [::1]:8080 -> 8080
$ curl localhost:8080
Hello, world!
Version: 1.0.0
Hostname: web-c88c85f94-th8bp
Handling connection for 8080
$ kubectl port-forward svc/web 8080:80
! Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]
! error: unable to listen on any of the requested ports: [{8080 8080}]
? 1
$ kubectl port-forward deployment/web :8080 &
! [2] 2316
Forwarding from 127.0.0.1:59236 -> 8080
Forwarding from [::1]:59236 -> 8080
$ kill %1 %2
! [1]-  Terminated              kubectl port-forward svc/web 8080:80
! [2]+  Terminated              kubectl port-forward deployment/web :8080
$ curl localhost:8080
! curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server
? 7
$ kubectl port-forward svc/web 80 &
! [1] 2321
Forwarding from 127.0.0.1:8080 -> 8080
Forwarding from [::1]:8080 -> 8080
$ curl -s 127.0.0.1:8080 | grep Version
Version: 1.0.0
Handling connection for 8080
$ kubectl port-forward
! error: TYPE/NAME and list of ports are required for port-forward
! See 'kubectl port-forward -h' for help and examples
? 1
$ kubectl port-forward svc/web
! error: TYPE/NAME and list of ports are required for port-forward
! See 'kubectl port-forward -h' for help and examples
? 1
$ kubectl port-forward svc/web 81
! error: Service web does not have a service port 81
? 1
$ kubectl port-forward svc/web http
! error: Service 'web' does not have a named port 'http'
? 1
$ kubectl port-forward svc/nope 80
! Error from server (NotFound): services "nope" not found
? 1
$ kubectl port-forward svc/web abc:80
! error: error parsing local port 'abc': strconv.ParseUint: parsing "abc": invalid syntax
? 1
$ kubectl port-forward deployment/web 0
! error: remote port must be > 0
? 1
$ kubectl delete deployment web
deployment.apps "web" deleted
! error: lost connection to pod
! [1]+  Exit 1                  kubectl port-forward svc/web 80
$ sleep 30
