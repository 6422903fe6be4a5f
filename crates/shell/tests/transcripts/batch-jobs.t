# Jobs (batch/v1): the Job controller runs the template's pod until `completions` succeed,
# `parallelism` at a time; a failing pod is replaced after a doubling back-off until more than
# `backoffLimit` have failed. The API server's defaults and generated selector, kubectl create
# job, logs of a job, and the validation of the restart policy.
# seed: 6
$ kubectl create job pi --image=busybox --dry-run=client -o yaml -- sh -c "echo 3.14"
apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: pi
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - sh
        - -c
        - echo 3.14
        image: busybox
        name: pi
        resources: {}
      restartPolicy: Never
status: {}
$ kubectl create job pi --image=busybox -- sh -c "echo 3.14"
job.batch/pi created
$ kubectl get jobs
NAME   STATUS    COMPLETIONS   DURATION   AGE
pi     Running   0/1           0s         0s
$ kubectl wait --for=condition=complete job/pi --timeout=60s
job.batch/pi condition met
$ kubectl get jobs,pods
NAME           STATUS     COMPLETIONS   DURATION   AGE
job.batch/pi   Complete   1/1           2s         2s

NAME           READY   STATUS      RESTARTS   AGE
pod/pi-vjrt8   0/1     Completed   0          2s
$ kubectl logs job/pi
3.14
$ kubectl get job pi -o jsonpath='{.spec.completions} {.spec.parallelism} {.spec.backoffLimit} {.spec.selector.matchLabels}{"\n"}'
1 1 6 {"batch.kubernetes.io/controller-uid":"9c02f792-f12b-4496-baf9-1637667b16dd"}
$ kubectl get job pi -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}{"\n"}{end}'
SuccessCriteriaMet=True CompletionsReached
Complete=True CompletionsReached
$ kubectl create job fail --image=busybox -- sh -c "echo trying; exit 1"
job.batch/fail created
$ sleep 900
$ kubectl get job fail
NAME   STATUS   COMPLETIONS   DURATION   AGE
fail   Failed   0/1           15m        15m
$ kubectl get pods -l job-name=fail
NAME         READY   STATUS   RESTARTS   AGE
fail-5d7mp   0/1     Error    0          13m
fail-6wl4x   0/1     Error    0          14m
fail-f4sm6   0/1     Error    0          12m
fail-k2rw5   0/1     Error    0          15m
fail-lcbpf   0/1     Error    0          14m
fail-snh6l   0/1     Error    0          4m24s
fail-twd8l   0/1     Error    0          9m45s
$ kubectl get job fail -o jsonpath='{.status.failed} {range .status.conditions[*]}{.type}={.reason} {end}{"\n"}'
7 FailureTarget=BackoffLimitExceeded Failed=BackoffLimitExceeded 
$ kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: three
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: c
        image: busybox
        command: ["sh", "-c", "sleep 2"]
EOF
$$
job.batch/three created
$ sleep 1
$ kubectl get job three
NAME    STATUS    COMPLETIONS   DURATION   AGE
three   Running   0/3           1s         1s
$ sleep 10
$ kubectl get job three
NAME    STATUS     COMPLETIONS   DURATION   AGE
three   Complete   3/3           7s         11s
$ kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: bad
spec:
  template:
    spec:
      containers:
      - name: c
        image: busybox
EOF
$$
! The Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
? 1
$ kubectl create job x
! error: either --image or --from must be specified
? 1
$ kubectl create job --image=busybox
! error: exactly one NAME is required, got 0
! See 'kubectl create job -h' for help and examples
? 1
$ kubectl delete job pi
job.batch "pi" deleted
$ kubectl get pods -l job-name=pi
! No resources found in default namespace.
