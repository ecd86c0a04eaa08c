package execute

import (
	"reflect"
	"testing"
)

// The kubelet's expansion of env values (kubernetes/kubernetes
// pkg/kubelet/kubelet_pods.go makeEnvironmentVariables,
// third_party/forked/golang/expansion/expand.go): only "$(NAME)" of an
// earlier variable or a service variable, and "$$"; nothing runs.
func TestEnvValuesExpandAsTheKubeletExpandsThem(t *testing.T) {
	service := []string{"KUBERNETES_SERVICE_HOST=10.0.0.1"}
	declared := []string{
		"A=a",
		"B=$(A)-$(C)-$(KUBERNETES_SERVICE_HOST)",
		"C=c",
		"D=$(touch /tmp/x) `id` $$(A) $$ $HOME $",
		"E=open $( and $$",
	}
	want := []string{
		"A=a",
		"B=a-$(C)-10.0.0.1", // C is declared later: it stays as written
		"C=c",
		"D=$(touch /tmp/x) `id` $(A) $ $HOME $",
		"E=open $( and $",
	}
	if got := expandEnv(declared, service); !reflect.DeepEqual(got, want) {
		t.Errorf("expandEnv:\n%q\nwant:\n%q", got, want)
	}
}
