# GNU sed 4.9, checked line by line against the real sed (same commands in a scratch directory).
$ printf 'a\nb\nc\nd\n' > f.txt
$ printf 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - image: nginx:1.25\n        name: web\n' > d.yaml
$ sed 's/b/B/' f.txt
a
B
c
d
$ sed -n '2p' f.txt
b
$ sed -n '$p' f.txt
d
$ sed '2,3d' f.txt
a
d
$ sed '/b/,/c/d' f.txt
a
d
$ sed -n '/a/,+1p' f.txt
a
b
$ sed '1~2d' f.txt
b
d
$ sed '$!d' f.txt
d
$ sed '2q' f.txt
a
b
$ sed '2q5' f.txt; echo "status $?"
a
b
status 5
$ sed 2Q f.txt
a
$ sed -n '=' f.txt
1
2
3
4
$ sed '2a\hello' f.txt
a
b
hello
c
d
$ sed '2i inserted' f.txt
a
inserted
b
c
d
$ sed '$a end' f.txt
a
b
c
d
end
$ sed '2,3c\changed' f.txt
a
changed
d
$ sed 'y/abc/xyz/' f.txt
x
y
z
d
$ sed 's/[a-c]/X/g' f.txt
X
X
X
d
$ sed -E 's/(b|c)+/<&>/' f.txt
a
<b>
<c>
d
$ sed 's/\(.\)/\1\1/' f.txt
aa
bb
cc
dd
$ sed -e 's/a/A/' -e 's/d/D/' f.txt
A
b
c
D
$ sed 's/a/A/;s/b/B/;3d' f.txt
A
B
d
$ sed -n '/B/Ip' f.txt
b
$ sed 's/x*/-/g' f.txt
-a-
-b-
-c-
-d-
$ sed 's/./&&/2' f.txt
a
b
c
d
$ sed '1!G;h;$!d' f.txt
d
c
b
a
$ sed '$!N;s/\n/-/' f.txt
a-b
c-d
$ sed -n '2{p;p}' f.txt
b
b
$ sed 's|a|/|' f.txt
/
b
c
d
$ echo 'one two three' | sed 's/ /\n/g'
one
two
three
$ echo hello | sed 's/l/L/2g'
helLo
$ printf 'x\ny' | sed p
x
x
y
y%
$ sed -n 's/replicas: 1/replicas: 3/p' d.yaml
  replicas: 3
$ sed -i 's/nginx:1.25/nginx:1.27/' d.yaml; cat d.yaml
apiVersion: apps/v1
kind: Deployment
spec:
  replicas: 1
  template:
    spec:
      containers:
      - image: nginx:1.27
        name: web
$ sed -i -e '/^kind/a\  note: added' d.yaml; sed -n 2,3p d.yaml
kind: Deployment
  note: added
$ cp f.txt g.txt; sed -i 2q g.txt; cat g.txt
a
b
$ sed 's/a/b' f.txt
! sed: -e expression #1, char 5: unterminated `s' command
? 1
$ sed 's/a' f.txt
! sed: -e expression #1, char 3: unterminated `s' command
? 1
$ sed 's/a/b/q' f.txt
! sed: -e expression #1, char 7: unknown option to `s'
? 1
$ sed 's/a/b/gg' f.txt
! sed: -e expression #1, char 8: multiple `g' options to `s' command
? 1
$ sed 'k' f.txt
! sed: -e expression #1, char 1: unknown command: `k'
? 1
$ sed 'y/ab/c/' f.txt
! sed: -e expression #1, char 7: strings for `y' command are different lengths
? 1
$ sed '3,' f.txt
! sed: -e expression #1, char 2: unexpected `,'
? 1
$ sed '0p' f.txt
! sed: -e expression #1, char 2: invalid usage of line address 0
? 1
$ sed 'a' f.txt
! sed: -e expression #1, char 1: expected \ after `a', `c' or `i'
? 1
$ sed 'p x' f.txt
! sed: -e expression #1, char 3: extra characters after command
? 1
$ sed 's/\(a/b/' f.txt
! sed: -e expression #1, char 8: Unmatched ( or \(
? 1
$ sed -E 's/(a/b/' f.txt
! sed: -e expression #1, char 7: Unmatched ( or \(
? 1
$ sed 's/a/\1/' f.txt
! sed: -e expression #1, char 7: invalid reference \1 on `s' command's RHS
? 1
$ sed '}' f.txt
! sed: -e expression #1, char 1: unexpected `}'
? 1
$ sed '{p' f.txt
! sed: -e expression #1, char 0: unmatched `{'
? 1
$ sed -e p -e 'k' f.txt
! sed: -e expression #2, char 1: unknown command: `k'
? 1
$ sed 's/a\{x\}/b/' f.txt
! sed: -e expression #1, char 11: Invalid content of \{\}
? 1
$ sed p nosuch
! sed: can't read nosuch: No such file or directory
? 2
$ sed -n 1p f.txt nosuch f.txt; echo "status $?"
a
! sed: can't read nosuch: No such file or directory
status 2
$ sed -i p
! sed: no input files
? 4
$ sed -i p /tmp
! sed: couldn't edit /tmp: not a regular file
? 4
$ sed -x p f.txt
! sed: invalid option -- 'x'
! Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...
! 
!   -n, --quiet, --silent
!                  suppress automatic printing of pattern space
!       --debug
!                  annotate program execution
!   -e script, --expression=script
!                  add the script to the commands to be executed
!   -f script-file, --file=script-file
!                  add the contents of script-file to the commands to be executed
!   --follow-symlinks
!                  follow symlinks when processing in place
!   -i[SUFFIX], --in-place[=SUFFIX]
!                  edit files in place (makes backup if SUFFIX supplied)
!   -l N, --line-length=N
!                  specify the desired line-wrap length for the `l' command
!   --posix
!                  disable all GNU extensions.
!   -E, -r, --regexp-extended
!                  use extended regular expressions in the script
!                  (for portability use POSIX -E).
!   -s, --separate
!                  consider files as separate rather than as a single,
!                  continuous long stream.
!       --sandbox
!                  operate in sandbox mode (disable e/r/w commands).
!   -u, --unbuffered
!                  load minimal amounts of data from the input files and flush
!                  the output buffers more often
!   -z, --null-data
!                  separate lines by NUL characters
!       --help     display this help and exit
!       --version  output version information and exit
! 
! If no -e, --expression, -f, or --file option is given, then the first
! non-option argument is taken as the sed script to interpret.  All
! remaining arguments are names of input files; if no input files are
! specified, then the standard input is read.
! 
! GNU sed home page: <https://www.gnu.org/software/sed/>.
! General help using GNU software: <https://www.gnu.org/gethelp/>.
? 1
$ sed --foo p f.txt
! sed: unrecognized option '--foo'
! Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...
! 
!   -n, --quiet, --silent
!                  suppress automatic printing of pattern space
!       --debug
!                  annotate program execution
!   -e script, --expression=script
!                  add the script to the commands to be executed
!   -f script-file, --file=script-file
!                  add the contents of script-file to the commands to be executed
!   --follow-symlinks
!                  follow symlinks when processing in place
!   -i[SUFFIX], --in-place[=SUFFIX]
!                  edit files in place (makes backup if SUFFIX supplied)
!   -l N, --line-length=N
!                  specify the desired line-wrap length for the `l' command
!   --posix
!                  disable all GNU extensions.
!   -E, -r, --regexp-extended
!                  use extended regular expressions in the script
!                  (for portability use POSIX -E).
!   -s, --separate
!                  consider files as separate rather than as a single,
!                  continuous long stream.
!       --sandbox
!                  operate in sandbox mode (disable e/r/w commands).
!   -u, --unbuffered
!                  load minimal amounts of data from the input files and flush
!                  the output buffers more often
!   -z, --null-data
!                  separate lines by NUL characters
!       --help     display this help and exit
!       --version  output version information and exit
! 
! If no -e, --expression, -f, or --file option is given, then the first
! non-option argument is taken as the sed script to interpret.  All
! remaining arguments are names of input files; if no input files are
! specified, then the standard input is read.
! 
! GNU sed home page: <https://www.gnu.org/software/sed/>.
! General help using GNU software: <https://www.gnu.org/gethelp/>.
? 1
$ sed
! Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...
! 
!   -n, --quiet, --silent
!                  suppress automatic printing of pattern space
!       --debug
!                  annotate program execution
!   -e script, --expression=script
!                  add the script to the commands to be executed
!   -f script-file, --file=script-file
!                  add the contents of script-file to the commands to be executed
!   --follow-symlinks
!                  follow symlinks when processing in place
!   -i[SUFFIX], --in-place[=SUFFIX]
!                  edit files in place (makes backup if SUFFIX supplied)
!   -l N, --line-length=N
!                  specify the desired line-wrap length for the `l' command
!   --posix
!                  disable all GNU extensions.
!   -E, -r, --regexp-extended
!                  use extended regular expressions in the script
!                  (for portability use POSIX -E).
!   -s, --separate
!                  consider files as separate rather than as a single,
!                  continuous long stream.
!       --sandbox
!                  operate in sandbox mode (disable e/r/w commands).
!   -u, --unbuffered
!                  load minimal amounts of data from the input files and flush
!                  the output buffers more often
!   -z, --null-data
!                  separate lines by NUL characters
!       --help     display this help and exit
!       --version  output version information and exit
! 
! If no -e, --expression, -f, or --file option is given, then the first
! non-option argument is taken as the sed script to interpret.  All
! remaining arguments are names of input files; if no input files are
! specified, then the standard input is read.
! 
! GNU sed home page: <https://www.gnu.org/software/sed/>.
! General help using GNU software: <https://www.gnu.org/gethelp/>.
? 1
$ sed -f nosuch f.txt
! sed: couldn't open file nosuch: No such file or directory
? 4
