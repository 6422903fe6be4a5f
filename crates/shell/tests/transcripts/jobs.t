# Background jobs (`cmd &`), as bash 5.2 shows them: `[1] PID` when one starts, `jobs`, `kill`
# with its errors, and `[1]+  Done ...` before the prompt that follows its end. A job runs beside
# the foreground command as virtual time passes; its output comes as it is printed.
# seed: 2
$ sleep 5 && echo bg-done &
! [1] 2312
$ echo fg
fg
$ sleep 10
bg-done
! [1]+  Done                    sleep 5 && echo bg-done
$ false &
! [1] 2314
! [1]+  Exit 1                  false
$ sleep 1
$ sleep 30 &
! [1] 2321
$ sleep 40 &
! [2] 2328
$ jobs
[1]-  Running                 sleep 30 &
[2]+  Running                 sleep 40 &
$ jobs -l
[1]- 2321 Running                 sleep 30 &
[2]+ 2328 Running                 sleep 40 &
$ jobs -p
2321
2328
$ echo $!
2328
$ kill %1
! [1]-  Terminated              sleep 30
$ jobs
[2]+  Running                 sleep 40 &
$ kill -9 %2
! [2]+  Killed                  sleep 40
$ kill %2
! bash: kill: %2: no such job
? 1
$ kill 99999
! bash: kill: (99999) - No such process
? 1
$ kill
! kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]
? 2
$ kill abc
! bash: kill: abc: arguments must be process or job IDs
? 1
$ kubectl get pods -w &
! [1] 2335
$ kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
deployment.apps/web created
NAME                  READY   STATUS              RESTARTS   AGE
web-c88c85f94-4bm8x   0/1     ContainerCreating   0          0s
$ sleep 5
web-c88c85f94-4bm8x   0/1     ContainerCreating   0          0s
web-c88c85f94-4bm8x   1/1     Running             0          1s
$ kill %%
! [1]+  Terminated              kubectl get pods -w
$ for i in 1 2; do echo "loop $i"; done &
! [1] 2336
loop 1
loop 2
! [1]+  Done                    for i in 1 2; do echo "loop $i"; done
$ sleep 1
$ sleep 2 &
! [1] 2342
$ wait
! [1]+  Done                    sleep 2
$ echo "w=$?"
w=0
$ (sleep 1; exit 3) &
! [1] 2343
$ wait %1
! [1]+  Exit 3                  (sleep 1; exit 3)
? 3
$ echo "w=$?"
w=3
$ wait %5
! bash: wait: %5: no such job
? 127
$ sleep 2 &
! [1] 2350
$ fg
sleep 2
$ echo "fg=$?"
fg=0
$ fg
! bash: fg: current: no such job
? 1
$ bg
! bash: bg: current: no such job
? 1
$ sleep 9 &
! [1] 2353
$ bg %1
! bash: bg: job 1 already in background
$ wait $!
! [1]+  Done                    sleep 9
