package execute

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/backstage-mlops/dev-cluster/internal/state"
)

func TestScrapeTargetsListRunningMLServersWithTheirPodLabels(t *testing.T) {
	dir := t.TempDir()
	p := &Platform{Config: Config{StateDir: dir}, logf: t.Logf, predictors: map[string]*Predictor{}}
	read := func() []scrapeTargetGroup {
		t.Helper()
		raw, err := os.ReadFile(filepath.Join(dir, "platform", filepath.FromSlash(state.ScrapeTargetsFile)))
		if err != nil {
			t.Fatal(err)
		}
		var groups []scrapeTargetGroup
		if err := json.Unmarshal(raw, &groups); err != nil {
			t.Fatal(err)
		}
		return groups
	}
	p.writeScrapeTargets()
	if got := read(); len(got) != 0 {
		t.Fatalf("no server yet, got %v", got)
	}
	served := &Predictor{Spec: PredictorSpec{Namespace: "ns", ISVC: "m", Generation: 2}, metricsPort: 40123}
	served.s.Pod = "m-predictor-abc-12345"
	simulated := &Predictor{Spec: PredictorSpec{Namespace: "ns", ISVC: "onnx", Generation: 1}} // no metrics endpoint
	simulated.s.Pod = "onnx-predictor-def-67890"
	p.predictors["ns/m/2"], p.predictors["ns/onnx/1"] = served, simulated
	p.writeScrapeTargets()
	got := read()
	if len(got) != 1 || got[0].Targets[0] != "127.0.0.1:40123" || got[0].Labels["namespace"] != "ns" ||
		got[0].Labels["pod"] != "m-predictor-abc-12345" || got[0].Labels["container"] != "kserve-container" {
		t.Fatalf("want the MLServer's endpoint with its pod labels, got %+v", got)
	}
	served.s.Stopped = true
	p.writeScrapeTargets()
	if got := read(); len(got) != 0 {
		t.Fatalf("a stopped server is no target, got %v", got)
	}
}
