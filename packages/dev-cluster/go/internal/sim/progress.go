package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// holdFor is the sim.mlops.dev/step-seconds of an object (0: none or invalid).
func holdFor(u *unstructured.Unstructured) time.Duration {
	v := strings.TrimSpace(u.GetAnnotations()[kube.AnnStepSeconds])
	if v == "" {
		return 0
	}
	s, err := strconv.ParseFloat(v, 64)
	if err != nil || s <= 0 || s > 3600 {
		return 0
	}
	return time.Duration(s * float64(time.Second))
}

// startedAt reads {"startedAt": RFC 3339} (a step's running state, or a build's start).
func startedAt(running interface{}) (time.Time, bool) {
	m, ok := running.(map[string]interface{})
	if !ok {
		return time.Time{}, false
	}
	s, _ := m["startedAt"].(string)
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// progressing reports whether a running step (or build) of u must keep running
// because its sim.mlops.dev/step-seconds have not passed yet.
func progressing(u *unstructured.Unstructured, running interface{}, env Env) bool {
	hold := holdFor(u)
	if hold == 0 {
		return false
	}
	start, ok := startedAt(running)
	return ok && env.Now.Sub(start) < hold
}

// appendProgress writes one progress line of a held step or build, e.g.
// "2026-01-02T03:04:07Z progress 2s of 3s: loss=0.3333".
func appendProgress(env Env, ns, kind, name, container string, running interface{}, hold time.Duration) {
	start, _ := startedAt(running)
	elapsed := env.Now.Sub(start).Round(time.Millisecond)
	loss := 1.0 / (1.0 + elapsed.Seconds())
	_ = env.Logs.Append(ns, kind, name, container,
		fmt.Sprintf("%s progress %s of %s: loss=%.4f", env.ts(), elapsed, hold, loss))
}
