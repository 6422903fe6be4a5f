# kubectl patch: a strategic merge patch by default (lists of containers and ports merged by
# their keys), a JSON merge patch (--type merge) or a JSON patch (--type json), given as JSON
# or YAML; the API server applies it to the stored object and validates the result.
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
deployment.apps/web created
$ kubectl expose deployment web --port=80 --target-port=8080
service/web exposed
$ kubectl patch svc web -p '{"spec":{"type":"NodePort"}}'
service/web patched
$ kubectl get svc web -o jsonpath='{.spec.type} {.spec.ports[0].nodePort}{"\n"}'
NodePort 31725
$ kubectl patch deployment web -p '{"spec":{"replicas":3}}'
deployment.apps/web patched
$ kubectl patch deployment web -p '{"spec":{"replicas":3}}'
deployment.apps/web patched (no change)
$ kubectl patch deployment/web -p 'spec: {replicas: 2}'
deployment.apps/web patched
$ sleep 10
$ kubectl get deployment web
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    2/2     2            2           10s
# The container is found by its name: only its image changes, and the Deployment rolls out.
$ kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"hello-app","image":"gcr.io/google-samples/hello-app:2.0"}]}}}}'
deployment.apps/web patched
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...
Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
deployment "web" successfully rolled out
$ kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[*].name} {.spec.template.spec.containers[*].image}{"\n"}'
hello-app gcr.io/google-samples/hello-app:2.0
$ kubectl patch deployment web --type merge -p '{"metadata":{"labels":{"tier":"front"}}}'
deployment.apps/web patched
$ kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"tier":null}}}'
deployment.apps/web patched
$ kubectl get deployment web --show-labels
NAME   READY   UP-TO-DATE   AVAILABLE   AGE   LABELS
web    2/2     2            2           12s   app=web
$ kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/replicas","value":1},{"op":"add","path":"/metadata/labels/patched","value":"yes"}]'
deployment.apps/web patched
$ kubectl get deployment web -o jsonpath='{.spec.replicas} {.metadata.labels.patched}{"\n"}'
1 yes
# Dry runs: the client patches the object itself; the server patches a copy.
$ kubectl patch deployment web -p '{"spec":{"replicas":5}}' --dry-run=client -o jsonpath='{.spec.replicas}{"\n"}'
5
$ kubectl patch deployment web -p '{"spec":{"replicas":5}}' --dry-run=server
deployment.apps/web patched (server dry run)
$ kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
1
# -o name prints the name alone (this one is made).
$ kubectl patch deployment web -p '{"spec":{"replicas":5}}' -o name
deployment.apps/web
# Bad input: nothing changes.
$ kubectl patch deployment web
! error: must specify --patch or --patch-file containing the contents of the patch
? 1
$ kubectl patch deployment web -p '{}' --patch-file p.yaml
! error: cannot specify --patch and --patch-file together
? 1
$ kubectl patch deployment web --type=frob -p '{}'
! error: --type must be one of [json merge strategic], not "frob"
? 1
$ kubectl patch deployment -p '{}'
! error: resource(s) were provided, but no name was specified
? 1
$ kubectl patch -p '{}'
! error: You must provide one or more resources by argument or filename.
! Example resource specifications include:
!    '-f rsrc.yaml'
!    '--filename=rsrc.json'
!    '<resource> <name>'
!    '<resource>'
? 1
$ kubectl patch deployment nope -p '{}'
! Error from server (NotFound): deployments.apps "nope" not found
? 1
$ kubectl patch deployment web -p '{"spec":{"replicas":-1}}'
! The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0
? 1
$ kubectl patch deployment web -p '{"metadata":{"name":"other"}}'
! Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)
? 1
$ kubectl patch deployment web --type json -p '{"op":"remove"}'
! Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp
? 1
$ kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/nothing","value":1}]'
! The request is invalid
? 1
$ kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/nothing","value":1}]' --dry-run=client
! error: Object to be patched is missing field (/spec/nothing: missing value)
? 1
$ kubectl patch deployment web -p '{"spec":{"replicaz":1}}'
! The request is invalid: patch: Invalid value: "map[spec:map[replicaz:1]]": strict decoding error: unknown field "spec.replicaz"
? 1
$ kubectl patch deployment web --type merge -p '[1]'
! Error from server (BadRequest): error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}
? 1
# --local patches a file's object, without the server.
$ kubectl patch deployment web --type merge -p '[1]' --dry-run=client
! error: json: cannot unmarshal array into Go value of type map[string]interface {}
? 1
$ kubectl get deployment web -o yaml > web.yaml
$ kubectl patch --local -f web.yaml -p '{"spec":{"replicas":7}}' -o jsonpath='{.spec.replicas}{"\n"}'
7
$ kubectl patch --local deployment web -p '{}'
! error: cannot specify --local and server resources
? 1
$ kubectl patch deployment web -p '{"spec": {"replicas": 1'
! error: unable to parse "{\"spec\": {\"replicas\": 1": yaml: line 1: did not find expected ',' or '}'
? 1
$ kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
5
