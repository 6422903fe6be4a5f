# Errors as kubectl and bash print them, on stderr, with their exit codes.
$ kubectl get
! You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.
! 
! error: Required resource not specified.
! Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
! See 'kubectl get -h' for help and examples
? 1
$ kubectl get foo
! error: the server doesn't have a resource type "foo"
? 1
$ kubectl get pods --foo
! Error: unknown flag: --foo
! See 'kubectl get --help' for usage.
? 1
$ kubectl get pods -z
! Error: unknown shorthand flag: 'z' in -z
! See 'kubectl get --help' for usage.
? 1
$ kubectl gett pods
! Error: unknown command "gett" for "kubectl"
! 
! Did you mean this?
! 	set
! 	get
! 
? 1
$ kubectl foo
! Error: unknown command "foo" for "kubectl"
! 
! Did you mean this?
! 	top
! 
? 1
$ kubectl delete
! error: You must provide one or more resources by argument or filename.
! Example resource specifications include:
!    '-f rsrc.yaml'
!    '--filename=rsrc.json'
!    '<resource> <name>'
!    '<resource>'
? 1
$ kubectl logs
! error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
! POD or TYPE/NAME is a required argument for the logs command
! See 'kubectl logs -h' for help and examples
? 1
$ kubectl get pods -o wat
! error: unable to match a printer suitable for the output format "wat", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml
? 1
$ kubectl get pod nope
! Error from server (NotFound): pods "nope" not found
? 1
$ kubectl get pods -l app=nothing
! No resources found in default namespace.
$ kubectl delete pods -l app=nothing
No resources found
$ kubectl scale --replicas=3 deployment nope
! error: no objects passed to scale deployments.apps "nope" not found
? 1
$ kubectl exec dnsutils nslookup web-service
! error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead
! See 'kubectl exec -h' for help and examples
? 1
$ kubectl exec dnsutils
! error: you must specify at least one command for the container
? 1
$ kubectl create deployment --image=x
! error: exactly one NAME is required, got 0
! See 'kubectl create deployment -h' for help and examples
? 1
$ kubectl apply
! error: must specify one of -f and -k
? 1
$ kubectl apply -f nope.yaml
! error: the path "nope.yaml" does not exist
? 1
$ foo
! bash: foo: command not found
? 127
$ echo 'unterminated
! bash: unexpected EOF while looking for matching `''
! bash: syntax error: unexpected end of file
? 2
$ ls nope
! ls: cannot access 'nope': No such file or directory
? 2
$ cat nope
! cat: nope: No such file or directory
? 1
$ curl nosuchhost
! curl: (6) Could not resolve host: nosuchhost
? 6
