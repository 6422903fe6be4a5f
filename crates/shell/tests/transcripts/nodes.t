# kubectl cordon, uncordon and taint on the lab's node; the scheduler reads what they write.
$ kubectl cordon kind-control-plane
node/kind-control-plane cordoned
$ kubectl cordon kind-control-plane
node/kind-control-plane already cordoned
$ kubectl get nodes
NAME                 STATUS                     ROLES           AGE   VERSION
kind-control-plane   Ready,SchedulingDisabled   control-plane   5m    v1.32.2
$ kubectl get node kind-control-plane -o jsonpath='{.spec.taints}{"\n"}'
[{"effect":"NoSchedule","key":"node.kubernetes.io/unschedulable","timeAdded":"2026-11-26T10:00:00Z"}]
$ kubectl run held --image=nginx
pod/held created
$ sleep 5
$ kubectl get pod held
NAME   READY   STATUS    RESTARTS   AGE
held   0/1     Pending   0          5s
$ kubectl describe pod held | sed -n '/^Events:/,$p'
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  5s    default-scheduler  0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.
$ kubectl uncordon kind-control-plane
node/kind-control-plane uncordoned
$ sleep 10
$ kubectl get pod held -o jsonpath='{.status.phase}{"\n"}'
Running
$ kubectl uncordon kind-control-plane --dry-run=client
node/kind-control-plane already uncordoned (dry run)
# Taints: new pods need a toleration; the ones already running stay (NoSchedule).
$ kubectl taint nodes kind-control-plane dedicated=lab:NoSchedule
node/kind-control-plane tainted
$ kubectl get node kind-control-plane -o jsonpath='{.spec.taints}{"\n"}'
[{"effect":"NoSchedule","key":"dedicated","value":"lab"}]
$ kubectl run repelled --image=nginx
pod/repelled created
$ sleep 5
$ kubectl get pods
NAME       READY   STATUS    RESTARTS   AGE
held       1/1     Running   0          20s
repelled   0/1     Pending   0          5s
$ kubectl describe pod repelled | sed -n '/^Events:/,$p'
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  5s    default-scheduler  0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: lab}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.
$ kubectl taint nodes kind-control-plane dedicated=other:NoSchedule
! error: node kind-control-plane already has dedicated taint(s) with same effect(s) and --overwrite is false
? 1
$ kubectl taint nodes kind-control-plane dedicated=other:NoSchedule --overwrite
node/kind-control-plane modified
$ kubectl taint node kind-control-plane gpu:PreferNoSchedule
node/kind-control-plane tainted
$ kubectl describe node kind-control-plane | grep -A2 '^Taints'
Taints:             dedicated=other:NoSchedule
                    gpu:PreferNoSchedule
Unschedulable:      false
$ kubectl taint nodes kind-control-plane dedicated:NoSchedule-
node/kind-control-plane untainted
$ kubectl taint nodes kind-control-plane gpu-
node/kind-control-plane untainted
$ kubectl get node kind-control-plane -o jsonpath='{.spec.taints}{"\n"}'

$ sleep 10
$ kubectl get pod repelled -o jsonpath='{.status.phase}{"\n"}'
Running
# NoExecute: the taint-eviction-controller deletes the pods that do not tolerate it; a pod
# that tolerates it for a while goes when that time is up, unless the taint goes first.
$ kubectl delete pod held repelled --now
pod "held" deleted
pod "repelled" deleted
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2
deployment.apps/web created
$ cat <<'YAML' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: patient
spec:
  containers:
  - name: app
    image: nginx
  tolerations:
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 60
YAML
$$
pod/patient created
$ sleep 10
$ kubectl taint nodes kind-control-plane maintenance=now:NoExecute
node/kind-control-plane tainted
$ sleep 2
$ kubectl get pods
NAME                  READY   STATUS    RESTARTS   AGE
patient               1/1     Running   0          12s
web-c88c85f94-cpcln   0/1     Pending   0          2s
web-c88c85f94-zm47j   0/1     Pending   0          2s
$ kubectl get events --field-selector reason=TaintManagerEviction
LAST SEEN   TYPE     REASON                 OBJECT                    MESSAGE
2s          Normal   TaintManagerEviction   pod/web-c88c85f94-m6gmg   Marking for deletion Pod default/web-c88c85f94-m6gmg
2s          Normal   TaintManagerEviction   pod/web-c88c85f94-tkvv5   Marking for deletion Pod default/web-c88c85f94-tkvv5
$ kubectl get pods -n kube-system -l k8s-app=kube-dns
NAME                       READY   STATUS        RESTARTS   AGE
coredns-66ff75555f-6vks9   0/1     Terminating   0          5m43s
coredns-66ff75555f-6x6fp   0/1     Pending       0          2s
coredns-66ff75555f-bcdlc   0/1     Terminating   0          5m43s
coredns-66ff75555f-c7htv   0/1     Pending       0          2s
$ kubectl get pods -n kube-system -l k8s-app=kube-dns --field-selector status.phase=Running -o jsonpath='{range .items[*]}{.status.conditions[0].type} {.status.conditions[0].reason}{"\n"}{end}'
DisruptionTarget DeletionByTaintManager
DisruptionTarget DeletionByTaintManager
$ sleep 30
$ kubectl get pod patient
NAME      READY   STATUS    RESTARTS   AGE
patient   1/1     Running   0          42s
$ kubectl taint nodes kind-control-plane maintenance-
node/kind-control-plane untainted
$ kubectl get events --field-selector reason=TaintManagerEviction
LAST SEEN   TYPE     REASON                 OBJECT                    MESSAGE
0s          Normal   TaintManagerEviction   pod/patient               Cancelling deletion of Pod default/patient
32s         Normal   TaintManagerEviction   pod/web-c88c85f94-m6gmg   Marking for deletion Pod default/web-c88c85f94-m6gmg
32s         Normal   TaintManagerEviction   pod/web-c88c85f94-tkvv5   Marking for deletion Pod default/web-c88c85f94-tkvv5
$ sleep 60
$ kubectl get pod patient
NAME      READY   STATUS    RESTARTS   AGE
patient   1/1     Running   0          102s
$ kubectl taint nodes kind-control-plane maintenance=now:NoExecute
node/kind-control-plane tainted
$ sleep 61
$ kubectl get pod patient
! Error from server (NotFound): pods "patient" not found
? 1
$ kubectl taint nodes kind-control-plane maintenance-
node/kind-control-plane untainted
# Required node affinity: the scheduler places the pod only on a node its terms match.
$ cat <<'YAML' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: disk
            operator: In
            values: ["ssd", "nvme"]
          - key: cores
            operator: Gt
            values: ["4"]
  containers:
  - name: app
    image: nginx
YAML
$$
pod/picky created
$ sleep 5
$ kubectl describe pod picky | sed -n '/^Events:/,$p'
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  5s    default-scheduler  0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.
$ kubectl label node kind-control-plane disk=ssd cores=2
node/kind-control-plane labeled
$ sleep 5
$ kubectl get pod picky -o jsonpath='{.status.phase}{"\n"}'
Pending
$ kubectl label node kind-control-plane cores=8 --overwrite
node/kind-control-plane labeled
$ sleep 5
$ kubectl get pod picky -o jsonpath='{.status.phase} {.spec.nodeName}{"\n"}'
Running kind-control-plane
# --all: every node, whatever names follow.
$ kubectl taint nodes kind-control-plane a=b:NoSchedule --all
node/kind-control-plane tainted
$ kubectl taint nodes --all a-
node/kind-control-plane untainted
# Bad input: nothing changes.
$ kubectl cordon
! error: USAGE: cordon NODE [flags]
! See 'kubectl cordon -h' for help and examples
? 1
$ kubectl cordon nope
! Error from server (NotFound): nodes "nope" not found
? 1
$ kubectl taint nodes kind-control-plane
! error: at least one taint update is required
? 1
$ kubectl taint nodes dedicated=lab:NoSchedule
! error: at least one resource name must be specified since 'all' parameter is not set
? 1
$ kubectl taint kind-control-plane dedicated=lab:NoSchedule
! error: the server doesn't have a resource type "kind-control-plane"
? 1
$ kubectl taint pods web dedicated=lab:NoSchedule
! error: invalid resource type pods, only node types are supported
? 1
$ kubectl taint nodes kind-control-plane a=b
! error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
! See 'kubectl taint -h' for help and examples
? 1
$ kubectl taint nodes kind-control-plane a=b:Sometimes
! error: invalid taint effect: Sometimes, unsupported taint effect
! See 'kubectl taint -h' for help and examples
? 1
$ kubectl taint nodes kind-control-plane a=b:NoSchedule c d=e:NoSchedule
! error: all resources must be specified before taint changes: c
? 1
$ kubectl taint nodes kind-control-plane a=1:NoSchedule a=2:NoSchedule
! error: duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}
! See 'kubectl taint -h' for help and examples
? 1
$ kubectl taint nodes kind-control-plane a=1:NoSchedule a-
! error: can not both modify and remove the following taint(s) in the same command: {"a":""}
? 1
$ kubectl taint nodes kind-control-plane nothing-
! error: taint "nothing" not found
? 1
$ kubectl taint nodes kind-control-plane 'bad key:NoSchedule'
! error: invalid taint spec: bad key:NoSchedule, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
! See 'kubectl taint -h' for help and examples
? 1
$ kubectl taint nodes nope a=b:NoSchedule
! Error from server (NotFound): nodes "nope" not found
? 1
$ kubectl get node kind-control-plane -o jsonpath='{.spec.taints}{"\n"}'

