# Events go through client-go's event correlator, as the kubelet and the controller manager
# record them (the scheduler writes events.k8s.io events, which it does not see): a repeat
# counts on the first event, the tenth different message with one reason about one object
# within 10 minutes starts one combined event, and each source writes at most 25 events about
# an object at once, then one every 5 minutes (the ones over the budget are counted, not
# written).
$ kubectl create deployment big --image=gcr.io/google-samples/hello-app:1.0 --replicas=30
deployment.apps/big created
$ sleep 20
$ kubectl describe rs | sed -n '/^Events:/,$p'
Events:
  Type    Reason            Age                 From                   Message
  ----    ------            ----                ----                   -------
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-kn4n4
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-vxbl7
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-xsb8j
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-v2pdf
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-b7km9
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-cl8mg
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-gvpmq
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-q8n9k
  Normal  SuccessfulCreate  20s                 replicaset-controller  Created pod: big-746686b954-knn8j
  Normal  SuccessfulCreate  20s (x16 over 20s)  replicaset-controller  (combined from similar events): Created pod: big-746686b954-ht2gr
$ kubectl get events --field-selector involvedObject.kind=ReplicaSet --no-headers | wc -l
10
$ kubectl get events --field-selector involvedObject.kind=ReplicaSet | grep combined
20s (x16 over 20s)   Normal   SuccessfulCreate   replicaset/big-746686b954   (combined from similar events): Created pod: big-746686b954-ht2gr
# One more pod: the ReplicaSet's budget is spent, so its event is counted but not written.
$ kubectl scale deployment big --replicas=31
deployment.apps/big scaled
$ sleep 5
$ kubectl get events --field-selector involvedObject.kind=ReplicaSet | grep combined
25s (x16 over 25s)   Normal   SuccessfulCreate   replicaset/big-746686b954   (combined from similar events): Created pod: big-746686b954-ht2gr
# Five minutes later there is one event in the budget again: the next one carries the count.
$ sleep 300
$ kubectl scale deployment big --replicas=32
deployment.apps/big scaled
$ sleep 5
$ kubectl get events --field-selector involvedObject.kind=ReplicaSet | grep combined
5s (x23 over 5m30s)   Normal   SuccessfulCreate   replicaset/big-746686b954   (combined from similar events): Created pod: big-746686b954-g8mfm
$ kubectl get events --field-selector reason=SuccessfulCreate -o jsonpath='{range .items[?(@.count>1)]}{.reportingComponent}|{.reportingInstance}|{.source.component}{"\n"}{end}'
||replicaset-controller
# A container that keeps failing: its kubelet events come in bursts, then one every 5 minutes.
$ kubectl run crash --image=busybox --restart=Always -- sh -c 'exit 1'
pod/crash created
$ sleep 1200
$ kubectl describe pod crash | sed -n '/^Events:/,$p'
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  20m                  default-scheduler  Successfully assigned default/crash to kind-control-plane
  Normal   Pulled     19m                  kubelet            Successfully pulled image "busybox" in 1.194s (1.194s including waiting). Image size: 2155500 bytes.
  Normal   Pulled     19m                  kubelet            Successfully pulled image "busybox" in 682ms (682ms including waiting). Image size: 2155500 bytes.
  Normal   Pulled     19m                  kubelet            Successfully pulled image "busybox" in 930ms (930ms including waiting). Image size: 2155500 bytes.
  Normal   Pulled     19m                  kubelet            Successfully pulled image "busybox" in 878ms (878ms including waiting). Image size: 2155500 bytes.
  Normal   Created    18m (x5 over 19m)    kubelet            Created container: crash
  Normal   Started    18m (x5 over 19m)    kubelet            Started container crash
  Warning  BackOff    18m (x4 over 19m)    kubelet            Back-off restarting failed container crash in pod crash_default(4e6245de-ef0c-410f-a712-c13861cc4ae0)
  Normal   Pulled     18m                  kubelet            Successfully pulled image "busybox" in 714ms (714ms including waiting). Image size: 2155500 bytes.
  Normal   Pulling    4m43s (x9 over 20m)  kubelet            Pulling image "busybox"
