# EndpointSlice generations: 1 at creation, then one more for every change of endpoints, ports
# or labels, none for other metadata (the endpointslice registry strategy).
# seed: 1
$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ sleep 10
$ kubectl get endpointslice -o custom-columns=NAME:.metadata.name,GEN:.metadata.generation,ADDR:.endpoints[*].addresses[0]
NAME         GEN   ADDR
kubernetes   1     172.18.0.2
web-fx4sx    3     10.244.0.5
$ kubectl scale deployment web --replicas=2
deployment.apps/web scaled
$ sleep 10
$ kubectl get endpointslice -o custom-columns=NAME:.metadata.name,GEN:.metadata.generation,ADDR:.endpoints[*].addresses[0]
NAME         GEN   ADDR
kubernetes   1     172.18.0.2
web-fx4sx    5     10.244.0.5,10.244.0.6
$ kubectl label endpointslice kubernetes team=x
endpointslice.discovery.k8s.io/kubernetes labeled
$ kubectl get endpointslice kubernetes -o jsonpath='{.metadata.generation}{"\n"}'
2
$ kubectl annotate endpointslice kubernetes note=x
endpointslice.discovery.k8s.io/kubernetes annotated
$ kubectl get endpointslice kubernetes -o jsonpath='{.metadata.generation}{"\n"}'
2
