# `head` at the end of a pipeline ends a watch once it has printed its lines: the watching
# command dies of SIGPIPE silently, and the pipeline's status is head's.
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
