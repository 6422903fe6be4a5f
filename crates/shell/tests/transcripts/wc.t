# wc's columns, diffed with GNU coreutils 9.1: one count of one input unpadded; otherwise the
# digits of the inputs' size, and at least 7 for a pipe (here-strings are pipes in bash 5.2).
# seed: 1
$ printf "a b\nc\n" > f
$ wc < f
2 3 6
$ wc -l < f
2
$ wc -c < f
6
$ cat f | wc
      2       3       6
$ cat f | wc -l
2
$ wc f
2 3 6 f
$ wc -l f
2 f
$ printf "" | wc
      0       0       0
$ wc -w f f
 3 f
 3 f
 6 total
$ wc <<< "x y"
      1       2       4
