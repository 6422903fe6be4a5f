# grep as GNU grep 3.x: options anywhere, context, several files, counts and errors.
# seed: 1
$ printf 'alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\niota\nkappa\n' > g.txt
$ printf 'one\nbeta two\nthree\n' > h.txt
$ grep -A1 beta g.txt
beta
gamma
$ grep -A 2 -n eta g.txt
2:beta
3-gamma
4-delta
--
6:zeta
7:eta
8:theta
9-iota
10-kappa
$ grep -B1 -n ta g.txt
1-alpha
2:beta
3-gamma
4:delta
5-epsilon
6:zeta
7:eta
8:theta
9:iota
$ grep -C1 gamma g.txt
beta
gamma
delta
$ grep -2 iota g.txt
eta
theta
iota
kappa
$ grep --context=1 zeta g.txt
epsilon
zeta
eta
$ grep beta g.txt h.txt
g.txt:beta
h.txt:beta two
$ grep -h beta g.txt h.txt
beta
beta two
$ grep -c beta g.txt h.txt
g.txt:1
h.txt:1
$ grep -l beta g.txt h.txt nothing.txt
! grep: nothing.txt: No such file or directory
g.txt
h.txt
? 2
$ grep -L alpha g.txt h.txt
h.txt
$ grep -n -e alpha -e kappa g.txt
1:alpha
10:kappa
$ grep -m2 eta g.txt
beta
zeta
$ grep -x eta g.txt
eta
$ grep -vc a g.txt
1
$ grep -o 'e.a' g.txt
eta
eta
eta
eta
$ grep -A1 -m1 eta g.txt
beta
gamma
$ grep -s beta missing.txt
? 2
$ grep -q beta missing.txt g.txt
! grep: missing.txt: No such file or directory
$ grep -A x beta g.txt
! grep: x: invalid context length argument
? 2
$ grep -Z beta g.txt
beta
$ grep --bogus beta g.txt
! grep: unrecognized option '--bogus'
! Usage: grep [OPTION]... PATTERNS [FILE]...
! Try 'grep --help' for more information.
? 2
$ grep -A
! grep: option requires an argument -- 'A'
! Usage: grep [OPTION]... PATTERNS [FILE]...
! Try 'grep --help' for more information.
? 2
$ cat g.txt | grep -H -n beta
(standard input):2:beta
$ grep -i BETA g.txt h.txt
g.txt:beta
h.txt:beta two
$ grep -w et g.txt
? 1
$ grep -E 'al|ka' g.txt
alpha
kappa
$ grep -Z beta g.txt h.txt | tr "\0" "@"
g.txt@beta
h.txt@beta two
$ grep -lZ beta g.txt h.txt | tr "\0" "@"; echo
g.txt@h.txt@
