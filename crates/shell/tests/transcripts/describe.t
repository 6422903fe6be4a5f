# kubectl describe: describe.go's layouts (checked byte for byte against kubectl v1.32.4
# describing the same objects served by a fake API server).
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2
deployment.apps/web created
$ kubectl expose deployment web --port=80 --target-port=8080
service/web exposed
$ kubectl create configmap cfg --from-literal=greeting=hello
configmap/cfg created
$ kubectl create serviceaccount robot
serviceaccount/robot created
$ cat <<'YAML' > sts.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        env:
        - name: POD
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
          limits:
            memory: 128Mi
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "echo 3.14"]
YAML
$$
$ kubectl apply -f sts.yaml
statefulset.apps/db created
daemonset.apps/agent created
job.batch/pi created
$ sleep 60
$ kubectl describe deployment web
Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 26 Nov 2026 10:00:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   hello-app:
    Image:         gcr.io/google-samples/hello-app:1.0
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-c88c85f94 (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  60s   deployment-controller  Scaled up replica set web-c88c85f94 from 0 to 2
$ kubectl describe service web
Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.131.245
IPs:                      10.96.131.245
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
Endpoints:                10.244.0.6:8080,10.244.0.7:8080
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
$ kubectl describe pods web
Name:             web-c88c85f94-kn4n4
Namespace:        default
Priority:         0
Service Account:  default
Node:             kind-control-plane/172.18.0.2
Start Time:       Thu, 26 Nov 2026 10:00:00 +0000
Labels:           app=web
                  pod-template-hash=c88c85f94
Annotations:      <none>
Status:           Running
IP:               10.244.0.6
IPs:
  IP:           10.244.0.6
Controlled By:  ReplicaSet/web-c88c85f94
Containers:
  hello-app:
    Container ID:   containerd://d9499d2ae06f14318f5e4d9190fd44c0db0115295c3a5c6ca5c06ac3f540b862
    Image:          gcr.io/google-samples/hello-app:1.0
    Image ID:       gcr.io/google-samples/hello-app@sha256:d7cba177c1e630edf61932b96ff813d1422e24c4c9f5e6ec5f42db0433178d92
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Thu, 26 Nov 2026 10:00:06 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-csxdk (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-csxdk:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  60s   default-scheduler  Successfully assigned default/web-c88c85f94-kn4n4 to kind-control-plane
  Normal  Pulling    60s   kubelet            Pulling image "gcr.io/google-samples/hello-app:1.0"
  Normal  Pulled     54s   kubelet            Successfully pulled image "gcr.io/google-samples/hello-app:1.0" in 1.266s (5.639s including waiting). Image size: 4239016 bytes.
  Normal  Created    54s   kubelet            Created container: hello-app
  Normal  Started    54s   kubelet            Started container hello-app

Name:             web-c88c85f94-vxbl7
Namespace:        default
Priority:         0
Service Account:  default
Node:             kind-control-plane/172.18.0.2
Start Time:       Thu, 26 Nov 2026 10:00:00 +0000
Labels:           app=web
                  pod-template-hash=c88c85f94
Annotations:      <none>
Status:           Running
IP:               10.244.0.7
IPs:
  IP:           10.244.0.7
Controlled By:  ReplicaSet/web-c88c85f94
Containers:
  hello-app:
    Container ID:   containerd://e08bf447dbe97af0eb9f30785cbc939c28e10d5e35070b0f9c03b54cd2ccd4dc
    Image:          gcr.io/google-samples/hello-app:1.0
    Image ID:       gcr.io/google-samples/hello-app@sha256:d7cba177c1e630edf61932b96ff813d1422e24c4c9f5e6ec5f42db0433178d92
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Thu, 26 Nov 2026 10:00:06 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-k7lfx (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-k7lfx:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  60s   default-scheduler  Successfully assigned default/web-c88c85f94-vxbl7 to kind-control-plane
  Normal  Pulling    60s   kubelet            Pulling image "gcr.io/google-samples/hello-app:1.0"
  Normal  Pulled     54s   kubelet            Successfully pulled image "gcr.io/google-samples/hello-app:1.0" in 508ms (6.047s including waiting). Image size: 4239016 bytes.
  Normal  Created    54s   kubelet            Created container: hello-app
  Normal  Started    54s   kubelet            Started container hello-app

$ kubectl describe statefulset db
Name:               db
Namespace:          default
CreationTimestamp:  Thu, 26 Nov 2026 10:00:00 +0000
Selector:           app=db
Labels:             <none>
Annotations:        <none>
Replicas:           1 desired | 1 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=db
  Containers:
   nginx:
    Image:      nginx:1.27
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  128Mi
    Requests:
      cpu:     100m
      memory:  64Mi
    Environment:
      POD:          (v1:metadata.name)
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:     <none>
Events:
  Type    Reason            Age   From                    Message
  ----    ------            ----  ----                    -------
  Normal  SuccessfulCreate  60s   statefulset-controller  create Pod db-0 in StatefulSet db successful
$ kubectl describe pod db-0
Name:             db-0
Namespace:        default
Priority:         0
Service Account:  default
Node:             kind-control-plane/172.18.0.2
Start Time:       Thu, 26 Nov 2026 10:00:00 +0000
Labels:           app=db
                  apps.kubernetes.io/pod-index=0
                  statefulset.kubernetes.io/pod-name=db-0
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:           10.244.0.5
Controlled By:  StatefulSet/db
Containers:
  nginx:
    Container ID:   containerd://eff30bccf41b3eb6cb29e8fdbe56de19bb6427a106b4654caf35a3375635d252
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:dfabed3cd7e962b175f2a09e91adde1968245fec09adc5d987f9662dba356142
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Thu, 26 Nov 2026 10:00:05 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      memory:  128Mi
    Requests:
      cpu:     100m
      memory:  64Mi
    Environment:
      POD:  db-0 (v1:metadata.name)
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-9vfbx (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-9vfbx:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  60s   default-scheduler  Successfully assigned default/db-0 to kind-control-plane
  Normal  Pulling    60s   kubelet            Pulling image "nginx:1.27"
  Normal  Pulled     55s   kubelet            Successfully pulled image "nginx:1.27" in 4.473s (4.473s including waiting). Image size: 72099501 bytes.
  Normal  Created    55s   kubelet            Created container: nginx
  Normal  Started    55s   kubelet            Started container nginx
$ kubectl describe daemonset agent
Name:           agent
Selector:       app=agent
Node-Selector:  <none>
Labels:         <none>
Annotations:    <none>
Desired Number of Nodes Scheduled: 1
Current Number of Nodes Scheduled: 1
Number of Nodes Scheduled with Up-to-date Pods: 1
Number of Nodes Scheduled with Available Pods: 1
Number of Nodes Misscheduled: 0
Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=agent
  Containers:
   agent:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      sh
      -c
      sleep 3600
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                  Message
  ----    ------            ----  ----                  -------
  Normal  SuccessfulCreate  60s   daemonset-controller  Created pod: agent-bpcjk
$ kubectl describe job pi
Name:             pi
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=793dfe84-06f8-4aca-bd1a-42514e5a8a80
Labels:           batch.kubernetes.io/controller-uid=793dfe84-06f8-4aca-bd1a-42514e5a8a80
                  batch.kubernetes.io/job-name=pi
                  controller-uid=793dfe84-06f8-4aca-bd1a-42514e5a8a80
                  job-name=pi
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    4
Start Time:       Thu, 26 Nov 2026 10:00:00 +0000
Completed At:     Thu, 26 Nov 2026 10:00:08 +0000
Duration:         8s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=793dfe84-06f8-4aca-bd1a-42514e5a8a80
           batch.kubernetes.io/job-name=pi
           controller-uid=793dfe84-06f8-4aca-bd1a-42514e5a8a80
           job-name=pi
  Containers:
   pi:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      sh
      -c
      echo 3.14
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  60s   job-controller  Created pod: pi-4q8n9
  Normal  Completed         52s   job-controller  Job completed
$ kubectl describe node kind-control-plane
Name:               kind-control-plane
Roles:              control-plane
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=kind-control-plane
                    kubernetes.io/os=linux
                    node-role.kubernetes.io/control-plane=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Thu, 26 Nov 2026 09:55:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  kind-control-plane
  AcquireTime:     <unset>
  RenewTime:       Thu, 26 Nov 2026 10:01:00 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Thu, 26 Nov 2026 09:55:00 +0000   Thu, 26 Nov 2026 09:55:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Thu, 26 Nov 2026 09:55:00 +0000   Thu, 26 Nov 2026 09:55:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Thu, 26 Nov 2026 09:55:00 +0000   Thu, 26 Nov 2026 09:55:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Thu, 26 Nov 2026 09:55:00 +0000   Thu, 26 Nov 2026 09:55:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.2
  Hostname:    kind-control-plane
Capacity:
  cpu:                2
  ephemeral-storage:  253869360Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             24558964Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  253869360Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             24558964Ki
  pods:               110
System Info:
  Machine ID:                 8d2f6c4e1b3a4f5e9c7d0a1b2c3d4e5f
  System UUID:                8d2f6c4e-1b3a-4f5e-9c7d-0a1b2c3d4e5f
  Boot ID:                    5f2d3c1e-8a4b-4c6d-9e0f-1a2b3c4d5e6f
  Kernel Version:             6.8.0-1015-gcp
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.0.2
  Kubelet Version:            v1.32.2
  Kube-Proxy Version:         v1.32.2
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
ProviderID:                   kind://docker/kind/kind-control-plane
Non-terminated Pods:          (13 in total)
  Namespace                   Name                                          CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                                          ------------  ----------  ---------------  -------------  ---
  default                     agent-bpcjk                                   0 (0%)        0 (0%)      0 (0%)           0 (0%)         60s
  default                     db-0                                          100m (5%)     0 (0%)      64Mi (0%)        128Mi (0%)     60s
  default                     web-c88c85f94-kn4n4                           0 (0%)        0 (0%)      0 (0%)           0 (0%)         60s
  default                     web-c88c85f94-vxbl7                           0 (0%)        0 (0%)      0 (0%)           0 (0%)         60s
  kube-system                 coredns-66ff75555f-6vks9                      100m (5%)     0 (0%)      70Mi (0%)        170Mi (0%)     6m
  kube-system                 coredns-66ff75555f-bcdlc                      100m (5%)     0 (0%)      70Mi (0%)        170Mi (0%)     6m
  kube-system                 etcd-kind-control-plane                       100m (5%)     0 (0%)      100Mi (0%)       0 (0%)         6m
  kube-system                 kindnet-wqnwr                                 100m (5%)     100m (5%)   50Mi (0%)        50Mi (0%)      6m
  kube-system                 kube-apiserver-kind-control-plane             250m (12%)    0 (0%)      0 (0%)           0 (0%)         6m
  kube-system                 kube-controller-manager-kind-control-plane    200m (10%)    0 (0%)      0 (0%)           0 (0%)         6m
  kube-system                 kube-proxy-w7gxt                              0 (0%)        0 (0%)      0 (0%)           0 (0%)         6m
  kube-system                 kube-scheduler-kind-control-plane             100m (5%)     0 (0%)      0 (0%)           0 (0%)         6m
  local-path-storage          local-path-provisioner-5dfb48bfb9-9jwwz       0 (0%)        0 (0%)      0 (0%)           0 (0%)         5m55s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests     Limits
  --------           --------     ------
  cpu                1050m (52%)  100m (5%)
  memory             354Mi (1%)   518Mi (2%)
  ephemeral-storage  0 (0%)       0 (0%)
  hugepages-1Gi      0 (0%)       0 (0%)
  hugepages-2Mi      0 (0%)       0 (0%)
Events:              <none>
$ kubectl describe sa robot
Name:                robot
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
$ kubectl describe endpoints web
Name:         web
Namespace:    default
Labels:       app=web
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-11-26T10:00:06Z
Subsets:
  Addresses:          10.244.0.6,10.244.0.7
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  8080  TCP

Events:  <none>
$ kubectl describe endpointslices -l kubernetes.io/service-name=web
Name:         web-2pdfq
Namespace:    default
Labels:       app=web
              endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=web
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-11-26T10:00:06Z
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  8080  TCP
Endpoints:
  - Addresses:  10.244.0.6
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-c88c85f94-kn4n4
    NodeName:   kind-control-plane
    Zone:       <unset>
  - Addresses:  10.244.0.7
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-c88c85f94-vxbl7
    NodeName:   kind-control-plane
    Zone:       <unset>
Events:         <none>
$ kubectl describe configmap cfg
Name:         cfg
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
greeting:
----
hello


BinaryData
====

Events:  <none>
$ kubectl describe ns default
Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
$ kubectl describe event $(kubectl get events -o jsonpath='{.items[0].metadata.name}')
Name:             agent-bpcjk.18eb8ffec95c2933
Namespace:        default
Labels:           <none>
Annotations:      <none>
API Version:      v1
Count:            1
Event Time:       <nil>
First Timestamp:  2026-11-26T10:00:00Z
Involved Object:
  API Version:       v1
  Field Path:        spec.containers{agent}
  Kind:              Pod
  Name:              agent-bpcjk
  Namespace:         default
  Resource Version:  563
  UID:               7364aa76-b42a-4e4f-ae2b-abed318293ba
Kind:                Event
Last Timestamp:      2026-11-26T10:00:00Z
Message:             Pulling image "busybox:1.36"
Metadata:
  Creation Timestamp:  2026-11-26T10:00:00Z
  Resource Version:    581
  UID:                 da350780-20ca-46fe-9b39-859a2adc0964
Reason:                Pulling
Reporting Component:   kubelet
Reporting Instance:    kind-control-plane
Source:
  Component:  kubelet
  Host:       kind-control-plane
Type:         Normal
Events:       <none>
$ kubectl describe events -l nothing=here
! No resources found in default namespace.
$ kubectl describe pod/nope
! Error from server (NotFound): pods "nope" not found
? 1
$ kubectl describe pods nope
! Error from server (NotFound): pods "nope" not found
? 1
$ kubectl describe sa robot default
Name:                robot
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>


Name:                default
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
