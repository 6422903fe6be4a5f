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
