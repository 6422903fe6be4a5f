# sort: keys (-k, -t), numbers (-n), reverse, unique; each line's key read once (a fuzz input sorted
# megabytes in a loop: regress-sort-in-loop). Diffed with GNU sort 9.1 under LC_ALL=C.
# seed: 1
$ printf 'pear 3\napple 10\nfig 2\nApple 1\napple 10\n' > fruit.txt
$ sort fruit.txt
Apple 1
apple 10
apple 10
fig 2
pear 3
$ sort -r fruit.txt
pear 3
fig 2
apple 10
apple 10
Apple 1
$ sort -k2 -n fruit.txt
Apple 1
fig 2
pear 3
apple 10
apple 10
$ sort -u fruit.txt
Apple 1
apple 10
fig 2
pear 3
$ printf 'a:zeta\nb:alpha\nc:mid\n' | sort -t: -k2
b:alpha
c:mid
a:zeta
$ printf '10\n9\n-1\n2.5\n' | sort -n
-1
2.5
9
10
$ printf '10\n9\n-1\n2.5\n' | sort -rn
10
9
2.5
-1
