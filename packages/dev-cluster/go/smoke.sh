#!/usr/bin/env bash
# End-to-end smoke test of the dev cluster: builds (or reuses) the binaries, starts a
# cluster in a temp state dir, seeds it and checks what issue #3 asks for, then stops
# it and checks nothing is left. Prints one PASS/FAIL line per check and a closing
# "N passed, N failed" line; exits non-zero on any failure.
#   SMOKE_SCALE=1 ./smoke.sh   also runs `devcluster scale` (minutes) and reports its time.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$("$here/build.sh" | tail -1)" || { echo "build failed"; exit 1; }
dc="$bin/devcluster"
state="$(mktemp -d /tmp/devcluster-smoke.XXXXXX)"
state2="$(mktemp -d /tmp/devcluster-smoke2.XXXXXX)"
state3="$(mktemp -d /tmp/devcluster-smoke3.XXXXXX)"
export DEVCLUSTER_MANIFESTS="$here/../manifests"
passed=0 failed=0

check() { # name, then a command that must succeed
  local name="$1"; shift
  if out="$("$@" 2>&1)"; then
    passed=$((passed + 1)); echo "PASS $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; echo "$out" | sed 's/^/    /' | tail -15
  fi
}
cleanup() { for d in "$state" "$state2" "$state3"; do "$dc" down --state-dir "$d" >/dev/null 2>&1; done; }
trap cleanup EXIT

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
t0=$(date +%s%N)
"$dc" up --state-dir "$state" --sim-step 200ms --quiet >/dev/null || { echo "FAIL up"; exit 1; }
echo "up: ready in $(ms "$t0") ms"

jq_() { python3 -c "import json,sys; print(json.load(open('$state/state.json'))$1)"; }
server="$(jq_ "['server']")"; token="$(cat "$state/backend.token")"; ca="$state/pki/ca.crt"
k() { "$bin/kubectl" --kubeconfig "$state/admin.kubeconfig" "$@"; }
kb() { "$bin/kubectl" --kubeconfig "$state/backend.kubeconfig" "$@"; }
# HTTP status of a request as the backend ServiceAccount, through the shim.
code() { curl -s -o /tmp/smoke-body.$$ -w '%{http_code}' --cacert "$ca" -H "Authorization: Bearer ${TOKEN:-$token}" -H 'Content-Type: application/json' "$@"; }
expect_code() { local want="$1"; shift; local got; got="$(code "$@")"; [[ "$got" == "$want" ]] || { echo "HTTP $got, want $want: $(cat /tmp/smoke-body.$$)"; return 1; }; }

check "17 CRDs established" bash -c "[[ \$('$bin/kubectl' --kubeconfig '$state/admin.kubeconfig' get crd --no-headers | wc -l) == 17 ]]"
t1=$(date +%s%N); "$dc" seed --state-dir "$state" 2>/dev/null; echo "seed: $(ms "$t1") ms"
check "seed is idempotent" "$dc" seed --state-dir "$state"
check "kubectl get pipelineruns -A lists the seeded runs" bash -c "[[ \$('$bin/kubectl' --kubeconfig '$state/admin.kubeconfig' get pipelineruns -A --no-headers | wc -l) -ge 40 ]]"
check "backend: list pipelineruns" kb get pipelineruns -n mlops-demo
check "backend: delete pipelinerun -> 403" expect_code 403 -X DELETE "$server/apis/tekton.dev/v1/namespaces/mlops-demo/pipelineruns/$(kb get pr -n mlops-demo -o jsonpath='{.items[0].metadata.name}')"
check "backend: get secrets -> 403" expect_code 403 "$server/api/v1/namespaces/mlops-demo/secrets"
check "NVJ with notebook.path not *.ipynb -> 422" expect_code 422 -X POST "$server/apis/mlops.mlops.dev/v1alpha1/namespaces/mlops-demo/notebookvalidationjobs" \
  -d '{"apiVersion":"mlops.mlops.dev/v1alpha1","kind":"NotebookValidationJob","metadata":{"name":"bad"},"spec":{"notebook":{"git":{"url":"https://x/y.git","ref":"main"},"path":"a.py"},"podConfig":{"containerImage":"i"}}}'
check "PipelineRun with v1beta1 spec.timeout -> 422 (no fieldValidation needed)" expect_code 422 -X POST "$server/apis/tekton.dev/v1/namespaces/mlops-demo/pipelineruns" \
  -d '{"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"name":"bad"},"spec":{"pipelineRef":{"name":"model-training-pipeline"},"timeout":"1h"}}'
check "PipelineRun param with a number value -> 422" expect_code 422 -X POST "$server/apis/tekton.dev/v1/namespaces/mlops-demo/pipelineruns" \
  -d '{"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"name":"bad"},"spec":{"pipelineRef":{"name":"model-training-pipeline"},"params":[{"name":"training-hours","value":24}]}}'
check "Pipeline with a param enum -> 400 from the Tekton webhook (enable-param-enum off)" bash -c "echo '{\"apiVersion\":\"tekton.dev/v1\",\"kind\":\"Pipeline\",\"metadata\":{\"name\":\"bad\"},\"spec\":{\"params\":[{\"name\":\"p\",\"enum\":[\"a\"]}],\"tasks\":[{\"name\":\"t\",\"taskRef\":{\"name\":\"t\"}}]}}' | '$bin/kubectl' --kubeconfig '$state/admin.kubeconfig' create -n mlops-demo -f - 2>&1 | grep -q 'enable-param-enum. should be set to true to use Enum'"
TOKEN_ADMIN_ISVC='{"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService","metadata":{"name":"bad"},"spec":{}}'
check "InferenceService without predictor -> 422" bash -c "echo '$TOKEN_ADMIN_ISVC' | '$bin/kubectl' --kubeconfig '$state/admin.kubeconfig' create -n mlops-demo -f - 2>&1 | grep -q 'spec.predictor: Required value'"
check "instantiate through the shim -> 201 Build" expect_code 201 -X POST "$server/apis/build.openshift.io/v1/namespaces/mlops-demo/buildconfigs/anomaly-detector-notebook/instantiate" \
  -d '{"kind":"BuildRequest","apiVersion":"build.openshift.io/v1","metadata":{"name":"anomaly-detector-notebook"}}'
check "followed build log ends with the push" bash -c "curl -sN --cacert '$ca' -H 'Authorization: Bearer $token' '$server/apis/build.openshift.io/v1/namespaces/mlops-demo/builds/anomaly-detector-notebook-5/log?follow=true' | grep -q 'Push successful'"
check "build anomaly-detector-notebook-5 Complete" bash -c "[[ \$('$bin/kubectl' --kubeconfig '$state/backend.kubeconfig' get build -n mlops-demo anomaly-detector-notebook-5 -o jsonpath='{.status.phase}') == Complete ]]"
k create serviceaccount nobody -n mlops-demo >/dev/null
nobody="$(k create token nobody -n mlops-demo)"
check "instantiate without permission -> 403" env TOKEN="$nobody" bash -c "$(declare -f code expect_code); ca='$ca'; expect_code 403 -X POST '$server/apis/build.openshift.io/v1/namespaces/mlops-demo/buildconfigs/anomaly-detector-notebook/instantiate' -d '{}'"

run="$(kb create -o name -f - <<'EOF'
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {generateName: train-anomaly-detector-, namespace: mlops-demo, labels: {model-name: anomaly-detector, triggered-by: user}}
spec:
  pipelineRef: {name: model-training-pipeline}
  params: [{name: model-name, value: anomaly-detector}, {name: inference-service-name, value: anomaly-detector}]
  workspaces: [{name: model-storage, persistentVolumeClaim: {claimName: model-storage-pvc}}]
EOF
)"
wait_succeeded() { for _ in $(seq 1 100); do [[ "$(kb get -n mlops-demo "$run" -o jsonpath='{.status.conditions[0].reason}')" == Succeeded ]] && return 0; sleep 0.2; done; kb get -n mlops-demo "$run" -o yaml; return 1; }
check "simulator moves a new PipelineRun to Succeeded" wait_succeeded
check "step log of its pod via kubectl logs" bash -c "'$bin/kubectl' --kubeconfig '$state/backend.kubeconfig' logs -n mlops-demo ${run#*/}-health-check-pod -c step-test-predictions | grep -q 'step test-predictions completed'"
check "validator log carries the Results Summary with dependency_install_failed" bash -c "'$bin/kubectl' --kubeconfig '$state/backend.kubeconfig' logs -n mlops-demo forecast-capacity-validation-validation -c validator | grep -q '\"error_category\": \"dependency_install_failed\"'"

check "a second cluster runs beside the first" "$dc" up --state-dir "$state2" --no-controllers --quiet
check "both report up" bash -c "'$dc' status --state-dir '$state' >/dev/null && '$dc' status --state-dir '$state2' >/dev/null"

# Outage hooks (state2): the shim and the API server stop and start again on their ports.
server2="$(python3 -c "import json; print(json.load(open('$state2/state.json'))['server'])")"
check "stop-component shim: connections refused" bash -c "'$dc' stop-component --state-dir '$state2' shim && [[ \$(curl -s -o /dev/null -w '%{http_code}' --cacert '$state2/pki/ca.crt' '$server2/readyz') == 000 ]]"
check "start-component shim: serving again" bash -c "'$dc' start-component --state-dir '$state2' shim && [[ \$(curl -s -o /dev/null -w '%{http_code}' --cacert '$state2/pki/ca.crt' '$server2/readyz') == 200 ]]"
check "stop-component apiserver: the shim answers 502" bash -c "'$dc' stop-component --state-dir '$state2' apiserver && [[ \$(curl -s -o /dev/null -w '%{http_code}' --cacert '$state2/pki/ca.crt' '$server2/readyz') == 502 ]]"
check "compact prints the compacted revision" bash -c "[[ \$('$dc' compact --state-dir '$state2') =~ ^[0-9]+$ ]]"
check "start-component apiserver: ready again, data kept" bash -c "'$dc' start-component --state-dir '$state2' apiserver && [[ \$(curl -s -o /dev/null -w '%{http_code}' --cacert '$state2/pki/ca.crt' '$server2/readyz') == 200 ]] && '$bin/kubectl' --kubeconfig '$state2/admin.kubeconfig' get ns backstage-mlops-system >/dev/null"

check "up --skip-crds leaves out Tekton" "$dc" up --state-dir "$state3" --no-controllers --quiet --skip-crds tekton.dev,triggers.tekton.dev
check "10 CRDs, none of tekton.dev" bash -c "crds=\$('$bin/kubectl' --kubeconfig '$state3/admin.kubeconfig' get crd --no-headers -o custom-columns=N:.metadata.name); [[ \$(echo \"\$crds\" | wc -l) == 10 ]] && ! echo \"\$crds\" | grep -q 'tekton.dev'"
pids3="$(python3 -c "import json; print(' '.join(str(v) for v in json.load(open('$state3/state.json'))['pids'].values()))")"
"$dc" down --state-dir "$state3"

if [[ "${SMOKE_SCALE:-}" == 1 ]]; then
  check "scale" bash -c "'$dc' scale --state-dir '$state2' 2>/dev/null > /tmp/smoke-scale.$$"
  tail -1 /tmp/smoke-scale.$$; rm -f /tmp/smoke-scale.$$
fi

pids="$(python3 -c "import json; print(' '.join(str(v) for v in json.load(open('$state/state.json'))['pids'].values()))")"
pids2="$(python3 -c "import json; print(' '.join(str(v) for v in json.load(open('$state2/state.json'))['pids'].values()))")"
"$dc" down --state-dir "$state" && "$dc" down --state-dir "$state2"
check "down leaves no directory" bash -c "[[ ! -e '$state' && ! -e '$state2' ]]"
check "down leaves no process" bash -c "for p in $pids $pids2 $pids3; do if kill -0 \$p 2>/dev/null && ! grep -q Z /proc/\$p/stat; then echo alive \$p; exit 1; fi; done"
rm -f /tmp/smoke-body.$$
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
