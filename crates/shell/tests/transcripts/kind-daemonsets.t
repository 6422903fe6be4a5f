# kind v1.32's DaemonSets: kube-proxy on Linux nodes, kindnet's labels, and the labels the
# DaemonSet controller gives its pods (revision hash, template generation).
# seed: 1
$ kubectl get ds -n kube-system -o wide
NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS   IMAGES                                          SELECTOR
kindnet      1         1         1       1            1           <none>                   5m    kindnet      docker.io/kindest/kindnetd:v20250214-acbabc1a   app=kindnet
kube-proxy   1         1         1       1            1           kubernetes.io/os=linux   5m    kube-proxy   registry.k8s.io/kube-proxy:v1.32.2              k8s-app=kube-proxy
$ kubectl get pods -n kube-system -l 'k8s-app in (kindnet,kube-proxy)' --show-labels
NAME               READY   STATUS    RESTARTS   AGE   LABELS
kindnet-wqnwr      1/1     Running   0          5m    app=kindnet,controller-revision-hash=84f8446646,k8s-app=kindnet,pod-template-generation=1,tier=node
kube-proxy-w7gxt   1/1     Running   0          5m    controller-revision-hash=86f6df9c66,k8s-app=kube-proxy,pod-template-generation=1
# The controller gives its pods tolerations for node problems and cordons (and, on the host
# network, for a network not yet up), and pins each to its node by affinity.
$ kubectl describe pod -n kube-system -l k8s-app=kube-proxy | sed -n '/^Tolerations/,/^Events/p'
Tolerations:                 op=Exists
                             node.kubernetes.io/disk-pressure:NoSchedule op=Exists
                             node.kubernetes.io/memory-pressure:NoSchedule op=Exists
                             node.kubernetes.io/network-unavailable:NoSchedule op=Exists
                             node.kubernetes.io/not-ready:NoExecute op=Exists
                             node.kubernetes.io/pid-pressure:NoSchedule op=Exists
                             node.kubernetes.io/unreachable:NoExecute op=Exists
                             node.kubernetes.io/unschedulable:NoSchedule op=Exists
Events:
$ kubectl get pod -n kube-system -l k8s-app=kube-proxy -o jsonpath='{.items[0].spec.affinity}{"\n"}'
{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["kind-control-plane"]}]}]}}}
# A node whose taint the DaemonSet does not tolerate gets no pod.
$ kubectl taint nodes kind-control-plane dedicated=lab:NoSchedule
node/kind-control-plane tainted
$ kubectl create -f - <<'YAML'
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
        image: busybox
        command: ["sleep", "3600"]
YAML
$$
daemonset.apps/agent created
$ kubectl get ds agent
NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
agent   0         0         0       0            0           <none>          0s
$ kubectl taint nodes kind-control-plane dedicated-
node/kind-control-plane untainted
$ sleep 5
$ kubectl get ds agent
NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
agent   1         1         1       1            1           <none>          5s
