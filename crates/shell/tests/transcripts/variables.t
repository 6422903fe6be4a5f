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
