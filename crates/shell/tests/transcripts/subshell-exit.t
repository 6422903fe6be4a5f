# `exit` in a subshell leaves only that subshell: `( ... )`, a command of a pipeline, `$(...)`
# (diffed with bash 5.2).
# seed: 1
$ (exit 3); echo $?
3
$ x=1; (x=2; exit 4; echo no); echo "$? $x"
4 1
$ (cd /tmp; exit 0); pwd
/root
$ echo a | (read v; exit 5); echo $?
5
$ for i in 1 2; do (exit $i); echo "s=$?"; done
s=1
s=2
$ y=$(echo in; exit 7); echo "$? $y"
7 in
$ true | exit 9; echo $?
9
