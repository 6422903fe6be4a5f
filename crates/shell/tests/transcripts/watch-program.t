# `watch` (procps-ng 4.0.2): the command again every N seconds on a cleared screen, under a
# title with the host and the date laid out in 80 columns. Here, with nobody to press Ctrl-C,
# it stops when the cluster has nothing left to do; `-g` ends when the output changes. Usage
# errors are diffed with the real watch.
# seed: 5
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2
deployment.apps/web created
$ watch -n 1 -g kubectl get pods
Every 1.0s: kubectl get pods        kind-control-plane: Thu Nov 26 10:00:00 2026

NAME                  READY   STATUS              RESTARTS   AGE
web-c88c85f94-kjjj7   0/1     ContainerCreating   0          0s
web-c88c85f94-ptct9   0/1     ContainerCreating   0          0s
Every 1.0s: kubectl get pods        kind-control-plane: Thu Nov 26 10:00:01 2026

NAME                  READY   STATUS              RESTARTS   AGE
web-c88c85f94-kjjj7   0/1     ContainerCreating   0          1s
web-c88c85f94-ptct9   0/1     ContainerCreating   0          1s
$ echo $?
0
$ watch -n 2 kubectl get deploy
Every 2.0s: kubectl get deploy      kind-control-plane: Thu Nov 26 10:00:01 2026

NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    0/2     2            0           1s
Every 2.0s: kubectl get deploy      kind-control-plane: Thu Nov 26 10:00:03 2026

NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    2/2     2            2           3s
? 130
$ watch -t -n1 'kubectl get pods | wc -l'
3
3
? 130
$ watch -n abc ls
! watch: failed to parse argument: 'abc': Invalid argument
? 1
$ watch -z ls
! watch: invalid option -- 'z'
! 
! Usage:
!  watch [options] command
! 
! Options:
!   -b, --beep             beep if command has a non-zero exit
!   -c, --color            interpret ANSI color and style sequences
!   -d, --differences[=<permanent>]
!                          highlight changes between updates
!   -e, --errexit          exit if command has a non-zero exit
!   -g, --chgexit          exit when output from command changes
!   -q, --equexit <cycles>
!                          exit when output from command does not change
!   -n, --interval <secs>  seconds to wait between updates
!   -p, --precise          attempt run command in precise intervals
!   -t, --no-title         turn off header
!   -w, --no-wrap          turn off line wrapping
!   -x, --exec             pass command to exec instead of "sh -c"
! 
!  -h, --help     display this help and exit
!  -v, --version  output version information and exit
! 
! For more details see watch(1).
? 1
