# tr: sets, ranges, classes, escapes and SET2 padded with its last character, as GNU tr;
# a set is kept as ranges, never expanded (a fuzz input's range up to U+10FFFF ran per loop).
# seed: 1
$ printf "hello world\n" | tr a-z A-Z
HELLO WORLD
$ printf "hello\n" | tr elo 12
h1222
$ printf "abcxyz\n" | tr -d a-c
xyz
$ printf "a-b\n" | tr - _
a_b
$ printf "tab\there\n" | tr "\\t" " "
tab here
$ printf "zebra\n" | tr "[:lower:]" "[:upper:]"
ZEBRA
