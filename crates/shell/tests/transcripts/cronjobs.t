# CronJobs (batch/v1): a Job each time the schedule fires (named by the minute), the active
# ones in the status, the finished ones kept to the history limits; kubectl create cronjob,
# printCronJob's columns, and the schedule validated with robfig/cron's words.
# seed: 8
$ kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml -- echo hi
apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: hello
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: hello
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - command:
            - echo
            - hi
            image: busybox
            name: hello
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
$ kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" -- echo hi
cronjob.batch/hello created
$ kubectl get cronjobs
NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
hello   */1 * * * *   <none>     False     0        <none>          0s
$ sleep 60
$ kubectl get cronjob hello
NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
hello   */1 * * * *   <none>     False     1        0s              60s
$ kubectl get jobs
NAME             STATUS    COMPLETIONS   DURATION   AGE
hello-29928121   Running   0/1           0s         0s
$ sleep 300
$ kubectl get cronjob hello
NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
hello   */1 * * * *   <none>     False     1        0s              6m
$ kubectl get jobs
NAME             STATUS     COMPLETIONS   DURATION   AGE
hello-29928123   Complete   1/1           1s         3m
hello-29928124   Complete   1/1           1s         2m
hello-29928125   Complete   1/1           1s         60s
hello-29928126   Running    0/1           0s         0s
$ kubectl logs job/$(kubectl get jobs -o jsonpath='{.items[0].metadata.name}')
hi
$ kubectl get cronjob hello -o jsonpath='{.spec.concurrencyPolicy} {.spec.successfulJobsHistoryLimit} {.spec.failedJobsHistoryLimit} {.spec.suspend}{"\n"}'
Allow 3 1 false
$ kubectl create cronjob bad --image=busybox --schedule="61 * * * *"
! error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": End of range (61) above maximum (59): 61
? 1
$ kubectl create cronjob bad --image=busybox --schedule=foo
! error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "foo": Expected exactly 5 fields, found 1: foo
? 1
$ kubectl create cronjob bad --image=busybox
! E1126 10:06:00.000127   23629 run.go:72] "command failed" err="required flag(s) \"schedule\" not set"
? 1
$ kubectl create cronjob bad --image=busybox --schedule="@hourly" --restart=Always
! error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
? 1
$ kubectl delete cronjob hello
cronjob.batch "hello" deleted
$ sleep 5
$ kubectl get jobs,pods
! No resources found in default namespace.
