# Unknown fields and wrong types, refused by the API server's strict decoding (kubectl's
# default --validate=strict; the message format follows the apiserver's decoder).
$ cat > unknown.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
spec:
  replicass: 2
  selector:
    matchLabels:
      app: typo
  template:
    metadata:
      labels:
        app: typo
    spec:
      containers:
      - name: web
        imagee: nginx
        image: nginx
EOF
$$
$ kubectl apply -f unknown.yaml
! Error from server (BadRequest): error when creating "unknown.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagee"
? 1
# unchanged
$ kubectl create -f unknown.yaml
! Error from server (BadRequest): error when creating "unknown.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagee"
? 1
# unchanged
$ cat > types.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: types
spec:
  replicas: three
  selector:
    matchLabels:
      app: types
  template:
    metadata:
      labels:
        app: types
    spec:
      containers:
      - name: web
        image: nginx
EOF
$$
$ kubectl apply -f types.yaml
! Error from server (BadRequest): error when creating "types.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
? 1
# unchanged
$ cat > ports.yaml <<EOF
apiVersion: v1
kind: Service
metadata:
  name: ports
spec:
  ports: 80
EOF
$$
$ kubectl apply -f ports.yaml
! Error from server (BadRequest): error when creating "ports.yaml": Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort
? 1
# unchanged
$ cat > huge-replicas.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: huge
spec:
  replicas: 3000000000
  selector:
    matchLabels:
      app: huge
  template:
    metadata:
      labels:
        app: huge
    spec:
      containers:
      - name: web
        image: nginx
EOF
$$
$ kubectl apply -f huge-replicas.yaml
! Error from server (BadRequest): error when creating "huge-replicas.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32
? 1
# unchanged
$ cat > labels.yaml <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: labels
  labels:
    app: [web]
EOF
$$
$ kubectl create -f labels.yaml
! Error from server (BadRequest): error when creating "labels.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type string
? 1
# unchanged
