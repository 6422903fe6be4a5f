# kubectl edit (editoptions.go): the file is the object as `get -o yaml` prints it under
# kubectl's header; the editor is $KUBE_EDITOR, else $EDITOR, else vi. Without a terminal
# editor, vi closes the file at once; editors that are commands (sed -i) edit it here.
# seed: 3
$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ sleep 5
$ kubectl edit deployment web
! Edit cancelled, no changes made.
$ EDITOR=vim kubectl edit deploy/web
! Edit cancelled, no changes made.
$ KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 3/'" kubectl edit deploy/web
deployment.apps/web edited
$ sleep 5
$ kubectl get deploy web
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    3/3     3            3           10s
$ ls /tmp
# A change the API server refuses: the file is reopened with the causes in its header; the
# same editor changes nothing the second time, so kubectl gives up and keeps the file.
$ export KUBE_EDITOR="sed -i 's/replicas: 3/replicas: -1/'"
$ kubectl edit deploy web
! error: deployments.apps "web" is invalid
! A copy of your changes has been stored to "/tmp/kubectl-edit-504701184.yaml"
! error: Edit cancelled, no valid changes were saved.
? 1
$ cat /tmp/kubectl-edit-*.yaml | grep -n '^#'
1:# Please edit the object below. Lines beginning with a '#' will be ignored,
2:# and an empty file will abort the edit. If an error occurs while saving this file will be
3:# reopened with the relevant failures.
4:#
66:# Please edit the object below. Lines beginning with a '#' will be ignored,
67:# and an empty file will abort the edit. If an error occurs while saving this file will be
68:# reopened with the relevant failures.
69:#
70:# deployments.apps "web" was not valid:
71:# * spec.replicas: Invalid value: -1: must be greater than or equal to 0
72:#
$ cat /tmp/kubectl-edit-*.yaml | grep -c 'replicas: -1'
4
$ rm /tmp/kubectl-edit-*.yaml
$ unset KUBE_EDITOR
# Text that is not YAML fails kubectl's own validation first (sed's `.` is literal on the
# right-hand side). Both files stay: the second pass ends before the first is cleaned up.
$ KUBE_EDITOR="sed -i s/replicas:.3/replicas:.1/" kubectl edit deploy web
! error: deployments.apps "web" is invalid
! A copy of your changes has been stored to "/tmp/kubectl-edit-2246292154.yaml"
! error: Edit cancelled, no valid changes were saved.
? 1
$ ls /tmp
kubectl-edit-1695063798.yaml  kubectl-edit-2246292154.yaml
$ cat /tmp/kubectl-edit-*.yaml | grep -n '^# [^PDar]'
70:# deployments.apps "web" was not valid:
71:# * <nil>: Invalid value: "The edited file failed validation": error converting YAML to JSON: yaml: line 17: could not find expected ':'
$ rm /tmp/kubectl-edit-*.yaml
# The name may not change.
$ KUBE_EDITOR="sed -i 's/^  name: web\$/  name: web2/'" kubectl edit deploy web
! A copy of your changes has been stored to "/tmp/kubectl-edit-3684526541.yaml"
! error: At least one of apiVersion, kind and name was changed
? 1
$ rm /tmp/kubectl-edit-*.yaml
# An editor that fails, one that does not exist, and kubectl's word splitting (no quotes:
# split at each space, so sed gets `s/replicas:` as its script).
$ KUBE_EDITOR="sed -i s/replicas: 3/replicas: 2/" kubectl edit deploy web
! sed: -e expression #1, char 11: unterminated `s' command
! error: there was a problem with the editor "sed -i s/replicas: 3/replicas: 2/"
? 1
$ KUBE_EDITOR=nosuch kubectl edit deploy web
! error: unable to launch the editor "nosuch"
? 1
$ rm /tmp/kubectl-edit-*.yaml
$ kubectl edit deploy nosuch
! Error from server (NotFound): deployments.apps "nosuch" not found
? 1
$ kubectl edit
! error: You must provide one or more resources by argument or filename.
! Example resource specifications include:
!    '-f rsrc.yaml'
!    '--filename=rsrc.json'
!    '<resource> <name>'
!    '<resource>'
? 1
$ kubectl edit deploy web -o name
! error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml
? 1
# JSON: no header, and -o json prints the edited object.
$ KUBE_EDITOR="sed -i s/nginx:1.25/nginx:1.27/" kubectl edit deploy web -o json | grep '"image"'
                        "image": "nginx:1.27",
$ kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
nginx:1.27
$ KUBE_EDITOR="sed -i 's/\"replicas\": 3,/\"replicas\": 2,/'" kubectl edit deploy web -o json >/dev/null
$ kubectl get deploy web -o jsonpath='{.spec.replicas}{"\n"}'
2
$ ls /tmp
# vi asks the host to open the file; with no editor here it is closed as it was.
$ vi notes.txt
$ vi
! vi: which file? This lab opens files in the Editor tab: vi FILE
? 1
