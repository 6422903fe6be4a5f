# Shell variables: a prefix assignment holds for one command, then the value and whether it
# was exported come back, as in bash 5.2.
# seed: 1
$ X=1; X=2 env | grep '^X='
X=2
$ echo "after: $X"
after: 1
$ env | grep -c '^X='
0
? 1
$ export Y=5; Y=6 env | grep '^Y='
Y=6
$ env | grep '^Y='
Y=5
$ Z=3 true; echo "z=[$Z]"
z=[]
$ v=abcdefgh; echo ${v:2}; echo ${v:2:3}; echo ${v: -3}; echo ${v: -3:2}; echo ${v:1:-2}
cdefgh
cde
fgh
fg
bcdef
$ echo ${v:10}; echo "[${v:0:0}]"; echo ${v:(-2)}; n=3; echo ${v:n:n-1}

[]
gh
de
$ x=$(printf 'a\tb  c\u00a0d\n\ne'); for w in $x; do echo "[$w]"; done
[a]
[b]
[c d]
[e]
$ x=$(echo e3 >&2); echo "after [$x]"
! e3
after []
$ x=$(ls nope 2>&1); echo "[$x]"
[ls: cannot access 'nope': No such file or directory]
$ x=$(false); echo $?; x=$(exit 3) y=2; echo $?; echo $(false); echo $?
1
3

0
$ echo hi >&2 | wc -l
! hi
0
