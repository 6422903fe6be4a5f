#!/bin/sh
# Regenerates the kubectl outputs that tests/printers_oracle.rs compares the printers with.
#
# For every NAME.in.json / NAME.in.yaml manifest here, the real kubectl v1.32 prints the
# object it holds with -o json and -o yaml, without any server:
#   kubectl label --local -f NAME.in.* oracle- -o json|yaml
# (removing a label that does not exist leaves the object as it is; every manifest has
# labels, else kubectl would add `labels: {}`). Results:
#   NAME.out.json        kubectl's -o json stdout
#   NAME.out.yaml        kubectl's -o yaml stdout, or
#   NAME.out.yaml.err    kubectl's stderr when -o yaml fails (exit code 1, no stdout)
#
# Usage: crates/shell/tests/printers_golden/regen.sh [KUBECTL]   (default: kubectl on PATH)
set -eu
cd "$(dirname "$0")"
kubectl=${1:-kubectl}
export KUBECONFIG=/dev/null
"$kubectl" version --client | head -n 1

for input in *.in.json *.in.yaml; do
    name=${input%.in.*}
    rm -f "$name.out.json" "$name.out.yaml" "$name.out.yaml.err"
    "$kubectl" label --local -f "$input" oracle- -o json > "$name.out.json"
    if "$kubectl" label --local -f "$input" oracle- -o yaml > "$name.out.yaml" 2> "$name.err.tmp"; then
        rm -f "$name.err.tmp"
        # go-yaml sorts keys with a comparison that is not a total order for some odd keys;
        # Go's random map order then makes kubectl's output vary. Keep goldens deterministic.
        for _ in 1 2 3 4; do
            "$kubectl" label --local -f "$input" oracle- -o yaml > "$name.again.tmp"
            if ! cmp -s "$name.out.yaml" "$name.again.tmp"; then
                echo "warning: $input: kubectl -o yaml is not deterministic (key order)" >&2
            fi
        done
        rm -f "$name.again.tmp"
    else
        rm -f "$name.out.yaml"
        mv "$name.err.tmp" "$name.out.yaml.err"
    fi
    echo "$name"
done
