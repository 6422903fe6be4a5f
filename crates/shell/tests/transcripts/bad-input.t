# Bad input: every error worded as kubectl, the API server or bash words it, and a rejected
# request leaves the cluster as it was (`# unchanged`). Client-side texts were checked against
# kubectl v1.32 (YAML errors, validation, mapping, multi-document reports).
# seed: 5
$ mkdir -p bad && cd bad
$ cat > indent.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: x
 spec: {}
EOF
$$
$ kubectl apply -f indent.yaml
! error: error parsing indent.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key
? 1
# unchanged
$ cat > tabs.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
	name: x
EOF
$$
$ kubectl apply -f tabs.yaml
! error: error parsing tabs.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token
? 1
# unchanged
$ cat > quote.yaml <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data:
  k: "unterminated
EOF
$$
$ kubectl create -f quote.yaml
! error: error parsing quote.yaml: error converting YAML to JSON: yaml: line 7: found unexpected end of stream
? 1
# unchanged
$ printf 'apiVersion: v1\n--- foo\nkind: Pod\n' > badsep.yaml
$ kubectl apply -f badsep.yaml
! error: error parsing badsep.yaml: invalid Yaml document separator: foo
? 1
# unchanged
$ echo AAECYmluYXJ5/wo= | base64 -d > junk.yaml
$ kubectl apply -f junk.yaml
! error: error parsing junk.yaml: error converting YAML to JSON: yaml: control characters are not allowed
? 1
# unchanged
$ printf -- '- a\n- b\n' > list.yaml
$ kubectl apply -f list.yaml
! error: error validating "list.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false
? 1
# unchanged
$ kubectl apply -f list.yaml --validate=false
! error: unable to decode "list.yaml": json: cannot unmarshal array into Go value of type unstructured.detector
? 1
# unchanged
$ echo 'just text' > scalar.yaml
$ kubectl create -f scalar.yaml --validate=false
! error: unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector
? 1
# unchanged
$ kubectl delete -f scalar.yaml
! error: unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector
? 1
# unchanged
$ touch empty.yaml
$ kubectl apply -f empty.yaml
! error: no objects passed to apply
? 1
# unchanged
$ printf '# only a comment\n---\n' > comments.yaml
$ kubectl create -f comments.yaml
! error: no objects passed to create
? 1
# unchanged
$ printf 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n' > kind.yaml
$ kubectl apply -f kind.yaml
! error: resource mapping not found for name: "x" namespace: "" from "kind.yaml": no matches for kind "Deploymnet" in version "apps/v1"
! ensure CRDs are installed first
? 1
# unchanged
$ printf 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n' > version.yaml
$ kubectl create -f version.yaml
! error: resource mapping not found for name: "x" namespace: "" from "version.yaml": no matches for kind "Deployment" in version "v1"
! ensure CRDs are installed first
? 1
# unchanged
$ printf 'metadata:\n  name: x\n' > nokind.yaml
$ kubectl apply -f nokind.yaml
! error: error validating "nokind.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false
? 1
# unchanged
$ printf 'apiVersion: v1\nmetadata:\n  name: x\n' > nokind2.yaml
$ kubectl apply -f nokind2.yaml
! error: error validating "nokind2.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false
? 1
# unchanged
$ printf 'kind: Pod\nmetadata:\n  name: x\n' > noversion.yaml
$ kubectl create -f noversion.yaml
! error: error validating "noversion.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false
? 1
# unchanged
$ kubectl apply -f nope.yaml -f kind.yaml
! error: the path "nope.yaml" does not exist
? 1
# unchanged
$ cat > nocontainers.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: empty
spec:
  containers: []
EOF
$$
$ kubectl apply -f nocontainers.yaml
! The Pod "empty" is invalid: spec.containers: Required value
? 1
# unchanged
$ cat > noselector.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
EOF
$$
$ kubectl create -f noselector.yaml
! The Deployment "web" is invalid: 
! * spec.selector: Required value
! * spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`
? 1
# unchanged
$ cat > noports.yaml <<EOF
apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  selector:
    app: web
EOF
$$
$ kubectl apply -f noports.yaml
! The Service "s" is invalid: spec.ports: Required value
? 1
# unchanged
$ cat > noimage.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: noimage
spec:
  containers:
  - name: c
EOF
$$
$ kubectl apply -f noimage.yaml
! The Pod "noimage" is invalid: spec.containers[0].image: Required value
? 1
# unchanged
$ cat > negative.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
EOF
$$
$ kubectl apply -f negative.yaml
! The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0
? 1
# unchanged
$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl scale deployment web --replicas=-1
! error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0
? 1
# unchanged
$ kubectl scale deployment web --replicas=many
! Error: invalid argument "many" for "--replicas" flag: strconv.ParseInt: parsing "many": invalid syntax
! See 'kubectl scale --help' for usage.
? 1
# unchanged
$ kubectl scale deployment web --replicas=99999999999999999999
! Error: invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range
! See 'kubectl scale --help' for usage.
? 1
# unchanged
$ kubectl scale deployment web --replicas=99999999999
! The request is invalid: patch: Invalid value: "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"uid\":\"669a2906-7f41-40de-9afa-34fc9cb72001\",\"resourceVersion\":\"540\",\"creationTimestamp\":\"2026-11-26T10:00:00Z\"},\"spec\":{\"replicas\":99999999999},\"status\":{\"replicas\":2,\"selector\":\"app=web\"}}": json: cannot unmarshal number 99999999999 into Go struct field ScaleSpec.spec.replicas of type int32
? 1
# unchanged
$ kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
2
$ kubectl create deployment huge --image=nginx --replicas=99999999999
! Error: invalid argument "99999999999" for "-r, --replicas" flag: strconv.ParseInt: parsing "99999999999": value out of range
! See 'kubectl create deployment --help' for usage.
? 1
# unchanged
$ kubectl create deployment web --image=nginx
! error: failed to create deployment: deployments.apps "web" already exists
? 1
# unchanged
$ kubectl create deployment Web_1 --image=nginx
! error: failed to create deployment: Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
? 1
# unchanged
$ kubectl create namespace ñandú
! The Namespace "ñandú" is invalid: metadata.name: Invalid value: "ñandú": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
? 1
# unchanged
$ kubectl create namespace a.b
! The Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots
? 1
# unchanged
$ kubectl create namespace n$(seq 1 40 | tr -d '\n')
! The Namespace "n12345678910111213141516171819202122232425262728293031323334353637383940" is invalid: metadata.name: Invalid value: "n12345678910111213141516171819202122232425262728293031323334353637383940": must be no more than 63 characters
? 1
# unchanged
$ kubectl label deployment web tier=$(seq 1 40 | tr -d '\n')
! The Deployment "web" is invalid: metadata.labels: Invalid value: "12345678910111213141516171819202122232425262728293031323334353637383940": must be no more than 63 characters
? 1
# unchanged
$ printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' > big.yaml
$ for i in $(seq 1 2000); do echo "  k$i: v$i"; done >> big.yaml
$ echo '  broken: [' >> big.yaml
$ wc -l big.yaml
2006 big.yaml
$ kubectl apply -f big.yaml
! error: error parsing big.yaml: error converting YAML to JSON: yaml: line 2006: did not find expected node content
? 1
# unchanged
$ kubectl create service clusterip a.b --tcp=80
! error: failed to create ClusterIP service: Service "a.b" is invalid: metadata.name: Invalid value: "a.b": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')
? 1
# unchanged
$ kubectl run -- --image=nginx
! error: NAME is required for run
! See 'kubectl run -h' for help and examples
? 1
# unchanged
$ kubectl create configmap u --from-literal=clé=värde
! error: failed to create configmap: ConfigMap "u" is invalid: data[clé]: Invalid value: "clé": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')
? 1
# unchanged
$ kubectl create configmap u --from-literal=greeting=¡hola!
configmap/u created
$ kubectl get configmap u -o jsonpath='{.data.greeting}'
¡hola!%
$ kubectl create configmap dup --from-literal=a=1 --from-literal=a=2
! error: cannot add key "a", another key by that name already exists in Data for ConfigMap
? 1
# unchanged
$ cat > dup.yaml <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: dup
data:
  a: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dup
data:
  a: "2"
EOF
$$
$ kubectl create -f dup.yaml
configmap/dup created
! Error from server (AlreadyExists): error when creating "dup.yaml": configmaps "dup" already exists
? 1
$ kubectl create -f dup.yaml
! Error from server (AlreadyExists): error when creating "dup.yaml": configmaps "dup" already exists
! Error from server (AlreadyExists): error when creating "dup.yaml": configmaps "dup" already exists
? 1
# unchanged
$ kubectl apply -f dup.yaml
! Warning: resource configmaps/dup is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.
configmap/dup configured
configmap/dup configured
$ echo $(kubectl get configmap dup -o jsonpath='{.data.a}')
2
$ kubectl get nope
! error: the server doesn't have a resource type "nope"
? 1
# unchanged
$ kubectl get pods -o jsonpath='{.items[?(@.metadata.name=="x")'
! error: error parsing jsonpath {.items[?(@.metadata.name=="x"), unclosed array expect ]
? 1
# unchanged
$ echo (
! bash: syntax error near unexpected token `newline'
? 2
$ if then fi
! bash: syntax error near unexpected token `then'
? 2
$ while do done
! bash: syntax error near unexpected token `do'
? 2
$ for i in 1; do done
! bash: syntax error near unexpected token `done'
? 2
$ { }
! bash: syntax error near unexpected token `}'
? 2
$ ( )
! bash: syntax error near unexpected token `)'
? 2
$ if true; then fi
! bash: syntax error near unexpected token `fi'
? 2
$ if true; then :; else fi
! bash: syntax error near unexpected token `fi'
? 2
$ for do
! bash: syntax error: unexpected end of file
? 2
$ || true
! bash: syntax error near unexpected token `||'
? 2
$ ;;
! bash: syntax error near unexpected token `;;'
? 2
$ done
! bash: syntax error near unexpected token `done'
? 2
$ )
! bash: syntax error near unexpected token `)'
? 2
$ echo a >
! bash: syntax error near unexpected token `newline'
? 2
$ echo a | | b
! bash: syntax error near unexpected token `|'
? 2
$ for i in 1 )
! bash: syntax error near unexpected token `)'
? 2
$ echo "unterminated
! bash: unexpected EOF while looking for matching `"'
! bash: syntax error: unexpected end of file
? 2
$ echo $(( 1 +
! bash: syntax error: unexpected end of file
? 2
# Several documents: each is reported as kubectl reports it (successes as they happen, errors
# collected and printed at the end), and a document that fails changes nothing.
$ cat > three.yaml <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dup
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: third
EOF
$$
$ kubectl create -f three.yaml
configmap/first created
configmap/third created
! Error from server (AlreadyExists): error when creating "three.yaml": configmaps "dup" already exists
? 1
$ cat > middle-broken.yaml <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: before
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
  labels: [
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: after
EOF
$$
$ kubectl apply -f middle-broken.yaml
configmap/before created
! error: error parsing middle-broken.yaml: error converting YAML to JSON: yaml: line 5: did not find expected node content
? 1
$ kubectl get configmaps before broken after
NAME     DATA   AGE
before   0      0s
! Error from server (NotFound): configmaps "broken" not found
! Error from server (NotFound): configmaps "after" not found
? 1
$ kubectl delete -f middle-broken.yaml
configmap "before" deleted
! error: error parsing middle-broken.yaml: error converting YAML to JSON: yaml: line 5: did not find expected node content
? 1
$ cat > mixed.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: nocontainers
spec:
  containers: []
---
kind: ConfigMap
metadata:
  name: noversion
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: good
---
apiVersion: v1
kind: Secret
metadata:
  name: Bad_Name
EOF
$$
$ kubectl apply -f mixed.yaml
configmap/good created
! error validating "mixed.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false
! Error from server (Invalid): error when creating "mixed.yaml": Pod "nocontainers" is invalid: spec.containers: Required value
! Error from server (Invalid): error when creating "mixed.yaml": Secret "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
? 1
$ kubectl create -f mixed.yaml
! Error from server (Invalid): error when creating "mixed.yaml": Pod "nocontainers" is invalid: spec.containers: Required value
! error validating "mixed.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false
! Error from server (AlreadyExists): error when creating "mixed.yaml": configmaps "good" already exists
! Error from server (Invalid): error when creating "mixed.yaml": Secret "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
? 1
$ kubectl get pod nocontainers
! Error from server (NotFound): pods "nocontainers" not found
? 1
# unchanged
$ kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
2
$ kubectl apply -f negative.yaml
! Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.
! The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0
? 1
# unchanged
$ kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
2
$ kubectl apply -f dup.yaml -f nope.yaml
! error: the path "nope.yaml" does not exist
? 1
# unchanged
# Checked against kubectl v1.32: create reports in document order, apply reports what it could
# not read first; several errors are listed without the `error: ` prefix.
$ cat > order.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx
---
kind: Deployment
metadata:
  name: nov
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: a4
spec:
  selector:
    matchLabels: {app: a4}
  template:
    metadata:
      labels: {app: a4}
    spec:
      containers:
      - name: c
        image: nginx
EOF
$$
$ kubectl create --validate=false -f order.yaml
deployment.apps/a4 created
! Error from server (AlreadyExists): error when creating "order.yaml": deployments.apps "web" already exists
! resource mapping not found for name: "nov" namespace: "" from "order.yaml": no matches for kind "Deployment" in version ""
! ensure CRDs are installed first
? 1
$ cat > order2.yaml <<EOF
kind: Deployment
metadata:
  name: nov
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: a5
spec:
  selector:
    matchLabels: {app: a5}
  template:
    metadata:
      labels: {app: a5}
    spec:
      containers:
      - name: c
        image: nginx
---
- 1
EOF
$$
$ kubectl apply --validate=false -f order2.yaml
deployment.apps/a5 created
! resource mapping not found for name: "nov" namespace: "" from "order2.yaml": no matches for kind "Deployment" in version ""
! ensure CRDs are installed first
! unable to decode "order2.yaml": json: cannot unmarshal array into Go value of type unstructured.detector
? 1
# JSON manifests go through Go's JSON decoder: its syntax errors, checked against kubectl v1.32.
$ printf '{"a": 1 "b": 2}' > j1.json
$ kubectl apply --validate=false -f j1.json
! error: error parsing j1.json: json: offset 9: invalid character '"' after object key:value pair
? 1
# unchanged
$ printf '{"a" 1}' > j2.json
$ kubectl apply --validate=false -f j2.json
! error: error parsing j2.json: json: offset 6: invalid character '1' after object key
? 1
# unchanged
$ printf '{"a": [1 2]}' > j3.json
$ kubectl apply --validate=false -f j3.json
! error: error parsing j3.json: json: offset 10: invalid character '2' after array element
? 1
# unchanged
$ printf '{"a": [1,]}' > j4.json
$ kubectl apply --validate=false -f j4.json
! error: error parsing j4.json: json: offset 10: invalid character ']' looking for beginning of value
? 1
# unchanged
$ printf '{"a": x}' > j5.json
$ kubectl apply --validate=false -f j5.json
! error: error parsing j5.json: json: offset 7: invalid character 'x' looking for beginning of value
? 1
# unchanged
$ printf '{"a": "b\tc"}' > j6.json
$ kubectl apply --validate=false -f j6.json
! error: error parsing j6.json: json: offset 9: invalid character '\t' in string literal
? 1
# unchanged
$ printf '\n\n  {"a": 1,\n "b": }' > j7.json
$ kubectl apply --validate=false -f j7.json
! error: error parsing j7.json: json: offset 20: invalid character '}' looking for beginning of value
? 1
# unchanged
$ printf '{"a": tru}' > j8.json
$ kubectl apply --validate=false -f j8.json
! error: error parsing j8.json: json: offset 10: invalid character '}' in literal true (expecting 'e')
? 1
# unchanged
$ printf '{"a": 1}\n{"b": ' > j9.json
$ kubectl apply --validate=false -f j9.json
! unable to decode "j9.json": Object 'Kind' is missing in '{"a": 1}'
! error parsing j9.json: unexpected EOF
? 1
# unchanged
$ printf '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"},}\n' > badjson.json
$ kubectl apply -f badjson.json
! error: error parsing badjson.json: json: offset 69: invalid character '}' looking for beginning of object key string
? 1
# unchanged
