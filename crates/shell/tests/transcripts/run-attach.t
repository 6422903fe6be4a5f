# `kubectl run` attached to its pod (-i, -it): the container's output is streamed until it
# ends; --rm deletes the pod; a failed container fails kubectl with its exit code. A shell
# image's programs run for real (`wget`, `nslookup`), attached or not. `$?` carries over from
# one command line to the next.
# seed: 3
$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ sleep 5
$ kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- web | head -4
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
$ kubectl run tmp --rm -i --image=busybox --restart=Never -- wget -qO- http://nope
wget: bad address 'nope'
pod "tmp" deleted
! pod default/tmp terminated (Error)
? 1
$ echo $?
1
$ kubectl run exit3 -i --image=busybox --restart=Never -- sh -c 'echo about to fail; exit 3'
about to fail
! pod default/exit3 terminated (Error)
? 3
$ echo $?
3
$ kubectl get pod exit3
NAME    READY   STATUS   RESTARTS   AGE
exit3   0/1     Error    0          1s
$ kubectl run dns --rm -it --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 --restart=Never -- nslookup web
Server:		10.96.0.10
Address:	10.96.0.10#53

Name:	web.default.svc.cluster.local
Address: 10.96.175.113

pod "dns" deleted
$ kubectl run fetch --image=busybox --restart=Never -- wget -qO- web
pod/fetch created
$ sleep 3
$ kubectl logs fetch | grep title
<title>Welcome to nginx!</title>
$ kubectl get pods
NAME                   READY   STATUS      RESTARTS   AGE
exit3                  0/1     Error       0          12s
fetch                  0/1     Completed   0          3s
web-7957885594-cspj5   1/1     Running     0          20s
$ kubectl run shell --rm -it --image=busybox --restart=Never
! If you don't see a command prompt, try pressing enter.
$ hostname
shell
$ exit
exit
pod "shell" deleted
$ kubectl get pods shell
NAME    READY   STATUS        RESTARTS   AGE
shell   0/1     Terminating   0          1s
$ kubectl run x --image=busybox --rm
! error: --rm should only be used for attached containers
! See 'kubectl run -h' for help and examples
? 1
$ kubectl run x --image=busybox -t
! error: -i/--stdin is required for containers with -t/--tty=true
! See 'kubectl run -h' for help and examples
? 1
$ kubectl run x --image=busybox -it --dry-run=client
! error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)
! See 'kubectl run -h' for help and examples
? 1
$ false
? 1
$ echo $?
1
