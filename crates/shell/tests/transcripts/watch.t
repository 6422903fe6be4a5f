# Watches: one row per change of state, streamed through line filters; other printers' stream rules.
# seed: 7
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2
deployment.apps/web created
$ kubectl get pods -w
NAME                  READY   STATUS              RESTARTS   AGE
web-c88c85f94-bswmh   0/1     ContainerCreating   0          0s
web-c88c85f94-k9z9k   0/1     ContainerCreating   0          0s
web-c88c85f94-bswmh   0/1     ContainerCreating   0          0s
web-c88c85f94-k9z9k   0/1     ContainerCreating   0          0s
web-c88c85f94-bswmh   1/1     Running             0          2s
web-c88c85f94-k9z9k   1/1     Running             0          2s
? 130
$ kubectl scale deployment web --replicas=3
deployment.apps/web scaled
$ kubectl get pods -w --output-watch-events -l app=web
EVENT   NAME                  READY   STATUS              RESTARTS   AGE
ADDED   web-c88c85f94-99m2q   0/1     ContainerCreating   0          0s
ADDED   web-c88c85f94-bswmh   1/1     Running             0          2s
ADDED   web-c88c85f94-k9z9k   1/1     Running             0          2s
MODIFIED   web-c88c85f94-99m2q   1/1     Running             0          1s
? 130
$ kubectl get pods -w -o custom-columns=NAME:.metadata.name,IP:.status.podIP
NAME                  IP
web-c88c85f94-99m2q   10.244.0.7
web-c88c85f94-bswmh   10.244.0.5
web-c88c85f94-k9z9k   10.244.0.6
? 130
$ kubectl get deploy web -w -o yaml | grep -E '^(---|kind:|  name:)'
kind: Deployment
  name: web
? 130
$ kubectl get pods -w | grep -v NAME
web-c88c85f94-99m2q   1/1     Running   0          1s
web-c88c85f94-bswmh   1/1     Running   0          3s
web-c88c85f94-k9z9k   1/1     Running   0          3s
? 130
$ kubectl get pods -w | wc -l
? 130
$ kubectl delete pod -l app=web --wait=false
pod "web-c88c85f94-99m2q" deleted
pod "web-c88c85f94-bswmh" deleted
pod "web-c88c85f94-k9z9k" deleted
$ kubectl get pods -w -o name
pod/web-c88c85f94-99m2q
pod/web-c88c85f94-bswmh
pod/web-c88c85f94-k9z9k
pod/web-c88c85f94-rfvm4
pod/web-c88c85f94-wqhn6
pod/web-c88c85f94-x45c6
pod/web-c88c85f94-99m2q
pod/web-c88c85f94-bswmh
pod/web-c88c85f94-k9z9k
pod/web-c88c85f94-wqhn6
pod/web-c88c85f94-rfvm4
pod/web-c88c85f94-x45c6
pod/web-c88c85f94-99m2q
pod/web-c88c85f94-bswmh
pod/web-c88c85f94-k9z9k
? 130
