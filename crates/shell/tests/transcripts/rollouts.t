# Rollouts: RollingUpdate replaces pods a few at a time; Recreate removes every old pod first.
# seed: 5
$ cat > recreate.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: hello
        image: gcr.io/google-samples/hello-app:1.0
EOF
$$
$ kubectl apply -f recreate.yaml
deployment.apps/web created
$ sleep 10
$ kubectl get deploy,rs,pods
NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/2     2            2           10s

NAME                             DESIRED   CURRENT   READY   AGE
replicaset.apps/web-5d75db9bb8   2         2         2       10s

NAME                       READY   STATUS    RESTARTS   AGE
pod/web-5d75db9bb8-kjjj7   1/1     Running   0          10s
pod/web-5d75db9bb8-ptct9   1/1     Running   0          10s
$ kubectl set image deployment/web hello=gcr.io/google-samples/hello-app:2.0
deployment.apps/web image updated
$ sleep 2
$ kubectl get rs,pods
NAME                             DESIRED   CURRENT   READY   AGE
replicaset.apps/web-5d75db9bb8   0         0         0       12s
replicaset.apps/web-bd5475f8f    2         2         0       1s

NAME                      READY   STATUS              RESTARTS   AGE
pod/web-bd5475f8f-hgd49   0/1     ContainerCreating   0          1s
pod/web-bd5475f8f-zgjnk   0/1     ContainerCreating   0          1s
$ sleep 40
$ kubectl get rs,pods
NAME                             DESIRED   CURRENT   READY   AGE
replicaset.apps/web-5d75db9bb8   0         0         0       52s
replicaset.apps/web-bd5475f8f    2         2         2       41s

NAME                      READY   STATUS    RESTARTS   AGE
pod/web-bd5475f8f-hgd49   1/1     Running   0          41s
pod/web-bd5475f8f-zgjnk   1/1     Running   0          41s
$ kubectl rollout status deployment/web
deployment "web" successfully rolled out
$ kubectl describe deployment web | tail -6
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  52s   deployment-controller  Scaled up replica set web-5d75db9bb8 from 0 to 2
  Normal  ScalingReplicaSet  42s   deployment-controller  Scaled down replica set web-5d75db9bb8 from 2 to 0
  Normal  ScalingReplicaSet  41s   deployment-controller  Scaled up replica set web-bd5475f8f from 0 to 2
$ kubectl create deployment roll --image=gcr.io/google-samples/hello-app:1.0 --replicas=4
deployment.apps/roll created
$ sleep 10
$ kubectl set image deployment/roll hello-app=gcr.io/google-samples/hello-app:2.0
deployment.apps/roll image updated
$ sleep 1
$ kubectl get rs -l app=roll
NAME              DESIRED   CURRENT   READY   AGE
roll-64b46b7d6c   1         1         1       11s
roll-7884fdc8f4   4         4         2       1s
$ kubectl rollout status deployment/roll
Waiting for deployment "roll" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "roll" rollout to finish: 3 of 4 updated replicas are available...
deployment "roll" successfully rolled out
$ kubectl get rs -l app=roll
NAME              DESIRED   CURRENT   READY   AGE
roll-64b46b7d6c   0         0         0       11s
roll-7884fdc8f4   4         4         4       1s
$ kubectl rollout history deployment/roll
deployment.apps/roll 
REVISION  CHANGE-CAUSE
1         <none>
2         <none>

$ kubectl rollout undo deployment/roll
deployment.apps/roll rolled back
$ kubectl rollout status deployment/roll
Waiting for deployment "roll" rollout to finish: 2 out of 4 new replicas have been updated...
Waiting for deployment "roll" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "roll" rollout to finish: 3 of 4 updated replicas are available...
deployment "roll" successfully rolled out
$ kubectl get rs -l app=roll
NAME              DESIRED   CURRENT   READY   AGE
roll-64b46b7d6c   4         4         4       12s
roll-7884fdc8f4   0         0         0       2s
