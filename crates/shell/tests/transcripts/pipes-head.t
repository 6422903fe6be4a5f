# `head` at the end of a pipeline ends a watch once it has printed its lines: the watching
# command dies of SIGPIPE silently, and the pipeline's status is head's. A loop in a pipeline
# takes turns as a command that waits: it streams into `head`, sleeps, and runs to its end
# (fuzz/corpus/shell_line/regress-while-true-in-pipeline).
# seed: 7
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2
deployment.apps/web created
$ kubectl get pods -w | head -3
NAME                  READY   STATUS              RESTARTS   AGE
web-c88c85f94-bswmh   0/1     ContainerCreating   0          0s
web-c88c85f94-k9z9k   0/1     ContainerCreating   0          0s
$ echo $?
0
$ kubectl get pods -w | head -n 5
NAME                  READY   STATUS              RESTARTS   AGE
web-c88c85f94-bswmh   0/1     ContainerCreating   0          0s
web-c88c85f94-k9z9k   0/1     ContainerCreating   0          0s
web-c88c85f94-bswmh   0/1     ContainerCreating   0          0s
web-c88c85f94-k9z9k   0/1     ContainerCreating   0          0s
$ kubectl get pods -w | grep Running | head -1
web-c88c85f94-bswmh   1/1     Running             0          2s
$ kubectl get pods -w | head --lines=2
NAME                  READY   STATUS              RESTARTS   AGE
web-c88c85f94-bswmh   1/1     Running             0          2s
$ kubectl logs -f deployment/web | head -1
! Found 2 pods, using pod/web-c88c85f94-bswmh
2026/11/26 10:00:02 Server listening on port 8080
$ kubectl get pods -w | head -0
$ echo done
done
$ for i in $(seq 20000); do echo $i; done | tail -1
20000
$ while true; do echo y; done | head -3
y
y
y
$ for i in 1 2 3; do echo $i; sleep 1; done | sort -r
3
2
1
$ x=$(for i in $(seq 500); do echo $i; done | wc -l); echo $x
500
