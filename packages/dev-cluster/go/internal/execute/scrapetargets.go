package execute

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/backstage-mlops/dev-cluster/internal/state"
)

// The model servers' metrics endpoints, for a Prometheus to scrape. On a real
// cluster Prometheus finds predictor pods through the Kubernetes API (a
// PodMonitor, or kubernetes_sd_configs with role pod) and labels their samples
// with the pod's namespace and pod name; OpenShift AI's queries for MLServer
// select by exactly those labels (opendatahub-io/odh-model-controller
// internal/controller/constants/runtime-metrics.go, MLServerMetricsData:
// namespace='<ns>', pod=~'<isvc>-predictor-.*'), and its MLServer runtime
// template asks for scraping of port 8082 at /metrics
// (config/runtimes/mlserver-template.yaml, prometheus.io/port, path).
//
// The dev cluster has no pod network and no kubelet: each MLServer listens on
// a loopback metrics port (MLSERVER_METRICS_PORT, MLServer's setting
// metrics_port, SeldonIO/MLServer mlserver/settings.py), so the platform writes
// those endpoints as a Prometheus file-based service discovery file
// (file_sd_configs: a JSON list of {targets, labels}) with the labels a real
// scrape gives them: namespace, pod and container.

type scrapeTargetGroup struct {
	Targets []string          `json:"targets"`
	Labels  map[string]string `json:"labels"`
}

// writeScrapeTargets rewrites the targets file from the running MLServer
// predictors (atomically: Prometheus re-reads the file when it changes).
func (p *Platform) writeScrapeTargets() {
	p.mu.Lock()
	groups := []scrapeTargetGroup{}
	for _, pr := range p.predictors {
		pr.mu.Lock()
		port, pod, stopped := pr.metricsPort, pr.s.Pod, pr.s.Stopped
		pr.mu.Unlock()
		if port == 0 || stopped {
			continue
		}
		groups = append(groups, scrapeTargetGroup{
			Targets: []string{fmt.Sprintf("127.0.0.1:%d", port)},
			Labels: map[string]string{
				"namespace":        pr.Spec.Namespace,
				"pod":              pod,
				"container":        "kserve-container",
				"__metrics_path__": "/metrics",
			},
		})
	}
	p.mu.Unlock()
	sort.Slice(groups, func(i, j int) bool { return groups[i].Targets[0] < groups[j].Targets[0] })
	path := p.dir(filepath.FromSlash(state.ScrapeTargetsFile))
	raw, _ := json.MarshalIndent(groups, "", "  ")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.logf("scrape targets: %v", err)
		return
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o644); err == nil {
		err = os.Rename(tmp, path)
		if err != nil {
			p.logf("scrape targets: %v", err)
		}
	} else {
		p.logf("scrape targets: %v", err)
	}
}
