# Containers whose command is a shell script: their output is the log, their exit code decides the status.
# seed: 3
$ kubectl run ticker --image=busybox --restart=Never -- sh -c 'for i in 1 2 3; do echo tick $i; sleep 2; done; echo done'
pod/ticker created
$ sleep 3
$ kubectl logs ticker
tick 1
$ kubectl get pod ticker
NAME     READY   STATUS    RESTARTS   AGE
ticker   1/1     Running   0          3s
$ sleep 10
$ kubectl logs ticker
tick 1
tick 2
tick 3
done
$ kubectl get pod ticker
NAME     READY   STATUS      RESTARTS   AGE
ticker   0/1     Completed   0          13s
$ kubectl run failer --image=busybox -- sh -c 'echo starting; exit 3'
pod/failer created
$ sleep 5
$ kubectl get pod failer
NAME     READY   STATUS             RESTARTS     AGE
failer   0/1     CrashLoopBackOff   1 (3s ago)   5s
$ sleep 10
$ kubectl get pod failer
NAME     READY   STATUS             RESTARTS     AGE
failer   0/1     CrashLoopBackOff   2 (2s ago)   15s
$ kubectl logs failer
starting
$ kubectl logs failer -p
starting
$ kubectl logs ticker -p
! Error from server (BadRequest): previous terminated container "ticker" in pod "ticker" not found
? 1
$ kubectl run loop --image=busybox -- sh -c 'while true; do echo "$(hostname) says hi"; sleep 5; done'
pod/loop created
$ sleep 12
$ kubectl logs loop
loop says hi
loop says hi
loop says hi
$ kubectl run env-test --image=busybox --restart=Never --env=GREETING=hola -- sh -c 'echo $GREETING from $HOSTNAME'
pod/env-test created
$ sleep 5
$ kubectl logs env-test
hola from env-test
