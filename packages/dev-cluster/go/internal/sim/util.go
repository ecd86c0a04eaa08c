// Package sim holds the simulated controllers of the dev cluster (dev and
// demo only; never imported by plugin code). Each kind has a pure state
// machine (Advance*) that takes an object and a clock and returns the next
// status; the Runner applies them to the live cluster, and the seeder drives
// the same machines with a synthetic clock to produce run history.
package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// LogSink receives container logs (the log store, or a test double).
type LogSink interface {
	Append(ns, kind, name, container, text string) error
	Finish(ns, kind, name, container string) error
}

// Env is what a state machine may use besides the object.
type Env struct {
	Now  time.Time
	Seed int64
	Logs LogSink
}

func (e Env) ts() string { return e.Now.UTC().Format(time.RFC3339) }

// Hash is a deterministic number from the seed and some strings.
func Hash(seed int64, parts ...string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d", seed)
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return h.Sum64()
}

// Outcome returns the simulator outcome rule of an object ("" = succeed).
func Outcome(u *unstructured.Unstructured) string {
	return strings.TrimSpace(u.GetAnnotations()[kube.AnnOutcome])
}

// Simulated reports whether an object stays on the simulated path (see
// kube.AnnSimulate): it asks for it, or carries an outcome rule. Everything
// else a cluster with an execution platform creates is executed.
func Simulated(u *unstructured.Unstructured) bool {
	if u == nil {
		return false
	}
	a := u.GetAnnotations()
	if a[kube.AnnSimulate] == "true" {
		return true
	}
	for _, k := range []string{kube.AnnOutcome, kube.AnnFailAt, kube.AnnFailAttempts, kube.AnnStepSeconds} {
		if _, ok := a[k]; ok {
			return true
		}
	}
	return false
}

// Skipped reports whether the simulator must leave u alone.
func Skipped(u *unstructured.Unstructured) bool {
	return u.GetLabels()[kube.LabelSkip] == "true"
}

func status(u *unstructured.Unstructured) map[string]interface{} {
	st, _, _ := unstructured.NestedMap(u.Object, "status")
	if st == nil {
		st = map[string]interface{}{}
	}
	return st
}

func str(m map[string]interface{}, keys ...string) string {
	s, _, _ := unstructured.NestedString(m, keys...)
	return s
}

// knCondition is a Knative-style condition (Tekton, KServe).
func knCondition(typ, st, reason, msg, ts string) map[string]interface{} {
	c := map[string]interface{}{"type": typ, "status": st, "lastTransitionTime": ts}
	if reason != "" {
		c["reason"] = reason
	}
	if msg != "" {
		c["message"] = msg
	}
	return c
}

// succeededCondition returns the Succeeded condition of a Tekton status.
func succeededCondition(st map[string]interface{}) (status, reason string, ok bool) {
	conds, _ := st["conditions"].([]interface{})
	for _, c := range conds {
		m, _ := c.(map[string]interface{})
		if m["type"] == "Succeeded" {
			s, _ := m["status"].(string)
			r, _ := m["reason"].(string)
			return s, r, true
		}
	}
	return "", "", false
}

// setCondition replaces or appends a condition of the same type. Knative and
// metav1 conditions keep lastTransitionTime when the status does not change.
func setCondition(st map[string]interface{}, c map[string]interface{}) {
	conds, _ := st["conditions"].([]interface{})
	for i, x := range conds {
		m, _ := x.(map[string]interface{})
		if m["type"] == c["type"] {
			if m["status"] == c["status"] && m["lastTransitionTime"] != nil {
				c["lastTransitionTime"] = m["lastTransitionTime"]
			}
			conds[i] = c
			st["conditions"] = conds
			return
		}
	}
	st["conditions"] = append(conds, c)
}

// metaCondition is a metav1.Condition (NVJ).
func metaCondition(typ, st, reason, msg, ts string) map[string]interface{} {
	if msg == "" {
		msg = reason
	}
	return map[string]interface{}{"type": typ, "status": st, "reason": reason, "message": msg, "lastTransitionTime": ts}
}

// durationString formats like Go's time.Duration but rounded to seconds.
func durationString(d time.Duration) string {
	return d.Round(time.Second).String()
}

// TektonChildName is <parent>-<suffix>, shortened with a hash past 63 chars
// the way knative's kmeta.ChildName does.
func TektonChildName(parent, suffix string) string {
	n := parent + "-" + suffix
	if len(n) <= 63 {
		return n
	}
	h := fnv.New32a()
	h.Write([]byte(n))
	sum := fmt.Sprintf("%08x", h.Sum32())
	return strings.TrimRight(n[:63-len(sum)-1], "-.") + "-" + sum
}

// Digest is a deterministic "sha256:<64 hex>" image digest.
func Digest(seed int64, parts ...string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d", seed)
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
