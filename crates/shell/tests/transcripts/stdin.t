# Standard input in pipelines and loops, diffed with bash 5.2: a compound command's commands
# share its input, each reading what it needs (`read` a line, `cat` the rest), and every
# command of a pipeline of several runs in a subshell, so what it sets is gone after.
# seed: 1
$ printf "a\nb\n" | while read p; do echo "<$p>"; done
<a>
<b>
$ printf "a\nb\n" | { read x; read y; echo $y$x; }
ba
$ printf "a b c\n" | (read x y; echo "[$y] [$x]")
[b c] [a]
$ echo q | cat | while read z; do echo "z=$z"; done | sort
z=q
$ printf "one\ntwo\n" > f
$ while read l; do echo "<$l>"; done < f
<one>
<two>
$ for i in 1; do cat; done < f
one
two
$ read x < f; echo $x
one
$ printf "a\nb\nc\n" | while read l; do echo "first $l"; cat; done
first a
b
c
$ printf "a\nb\n" | while read l; do echo "$l" | cat; done
a
b
$ printf "a\nb\n" | while read l; do grep -c x f; done
0
0
$ printf "3\n1\n2\n" | { read first; sort; echo "first was $first"; }
1
2
first was 3
$ x=1; (x=2; while true; do echo y; done) | head -2; echo $x
y
y
1
$ echo hi | read c; echo "[$c]"
[]
$ v=0; printf "1\n2\n" | while read n; do v=$n; done; echo "v=$v"
v=0
$ cd /tmp | true; pwd
/root
$ y=1 | true; echo "y=[$y]"
y=[]
$ printf "a\nb\n" | while read l; do echo "<$l>"; done < f
<one>
<two>
$ printf "k1 v1\nk2 v2\n" | while read k v; do echo "$v=$k"; done
v1=k1
v2=k2
$ kubectl create deployment web --image=nginx --replicas=1
deployment.apps/web created
$ printf "web\nnope\n" | while read d; do kubectl get deploy $d -o name; done
deployment.apps/web
! Error from server (NotFound): deployments.apps "nope" not found
$ kubectl get deploy -o name | while read d; do kubectl scale $d --replicas=2; done
deployment.apps/web scaled
