# Backslash escapes in printf's format (octal \NNN) and echo -e (octal \0NNN), as bash 5.2.
# seed: 1
$ printf 'a\101b\x41\u00e9|\q|\x\n'
! bash: printf: missing hex digit for \x
aAbAé|\q|\x
$ echo -e 'x\0101y\101\x42|\t|'
xAy\101B|	|
$ echo -e 'stop\c here'; echo
stop
$ printf '%s\t%d\n' a 5
a	5
$ printf 'tab\there\\n'; echo
tab	here\n
