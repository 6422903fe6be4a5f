# The lab host's memory: its files hold 16 MiB in all; one command's output and a pipe hold
# 16 MiB each, and one command's expansions 4 MiB. A loop that doubles its data each turn stops
# there with the errors a full disk and a failed allocation give, instead of taking the tab's
# memory (fuzz/corpus/shell_line/regress-data-doubling). wc's layout is GNU wc's.
# seed: 1
$ x=0123456789abcdef; for i in $(seq 20); do x=$x$x; done; echo ${#x}
! bash: xmalloc: cannot allocate 8388608 bytes
! bash: xmalloc: cannot allocate 8388608 bytes
4194304
$ x=${x:0:2097152}; echo ${#x}
2097152
$ echo $x > h; cat h h > f1; rm h; cat f1 f1 > f2; wc -c f1 f2
 4194306 f1
 8388612 f2
12582918 total
$ cat f2 > f3; wc -c f3
! cat: write error: No space left on device
0 f3
$ cat f1 f1 f1 f1 f1 | wc -c
! cat: write error: No space left on device
12582918
$ mv f2 f4; ls
f1  f3  f4
$ cp f4 f5
! cp: error writing 'f5': No space left on device
? 1
$ rm f4 f3; cat f1 f1 > f2; wc -c f2
8388612 f2
$ for i in 1 2 3; do cat f1 >> f2; done; wc -c f2
! cat: write error: No space left on device
! cat: write error: No space left on device
! cat: write error: No space left on device
8388612 f2
$ y=$(cat f2 f2); echo ${#y}
! cat: write error: No space left on device
! bash: xmalloc: cannot allocate 8388611 bytes
0
$ printf "a b\nc\n" > s; wc s; wc -l s; wc -l s s; wc -l nope s; cat s | wc; cat s | wc -l; wc -c nope
2 3 6 s
2 s
 2 s
 2 s
 4 total
! wc: nope: No such file or directory
2 s
2 total
      2       3       6
2
! wc: nope: No such file or directory
? 1
