package seed

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/sim"
)

// suffix is a deterministic 5-character name suffix like generateName's.
func suffix(seed int64, parts ...string) string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	h := sim.Hash(seed, parts...)
	b := make([]byte, 5)
	for i := range b {
		b[i] = alphabet[h%uint64(len(alphabet))]
		h /= uint64(len(alphabet))
	}
	return string(b)
}

type trigger int

const (
	byCron trigger = iota
	byDriftAlert
	byUser
)

// runSpec describes historical run i (0 = most recent) of a model.
type runSpec struct {
	name    string
	trigger trigger
	start   time.Time
	failAt  string // pipeline tasks that fail, comma-separated ("" = success)
	// failAttempts: how many attempts of a failing task fail ("" = all); with
	// retries left, the task then succeeds.
	failAttempts string
	health       bool
	source       string
}

func (m Model) runSpecs(seed int64, base time.Time) []runSpec {
	var out []runSpec
	for i := 0; i < m.Runs; i++ {
		r := runSpec{trigger: trigger(i % 3), health: true}
		h := sim.Hash(seed, m.Namespace, m.Name, fmt.Sprint(i))
		r.start = base.Add(-time.Duration(i)*26*time.Hour - time.Duration(h%180)*time.Minute - 40*time.Minute)
		sfx := suffix(seed, m.Namespace, m.Name, fmt.Sprint(i))
		switch r.trigger {
		case byCron:
			r.name, r.source = "train-"+m.Name+"-"+sfx, "prometheus"
		case byDriftAlert:
			r.name, r.source = "retrain-"+m.Name+"-"+sfx, "prometheus"
		case byUser:
			r.name = "train-" + m.Name + "-" + sfx
			r.source = []string{"synthetic", "hybrid"}[h%2]
			r.health = h%4 != 0 // some manual runs skip the health check
		}
		switch {
		case i == 0 && m.LastRunFails:
			r.failAt = "train-model"
		case i == 0 && m.LastRunShowsTektonSemantics:
			// The newest run shows what a Tekton run can be besides ok or failed:
			// the health check skipped by its when expression, the best-effort
			// model card failing (ignored: onError continue), the finally task.
			r.trigger, r.name, r.source = byUser, "train-"+m.Name+"-"+sfx, "hybrid"
			r.health = false
			r.failAt = "publish-model-card"
		case i == 1 && m.LastRunShowsTektonSemantics:
			// The rollout failed once and succeeded on its retry.
			r.failAt, r.failAttempts = "deploy-model", "1"
		case i > 0 && m.RunFailEvery > 0 && i%m.RunFailEvery == m.RunFailEvery-1:
			r.failAt = "health-check"
			r.health = true
		}
		out = append(out, r)
	}
	return out
}

func (m Model) pipelineRun(r runSpec, seed int64) *unstructured.Unstructured {
	labels := m.labels()
	labels["tekton.dev/pipeline"] = PipelineName
	ann := obj{}
	switch r.trigger {
	case byCron:
		labels["triggered-by"] = "cronjob"
	case byDriftAlert:
		labels["triggered-by"] = "drift-alert"
		labels["triggers.tekton.dev/eventlistener"] = "model-drift-listener"
		labels["triggers.tekton.dev/trigger"] = "model-drift"
		labels["triggers.tekton.dev/triggers-eventid"] = fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x",
			sim.Hash(seed, r.name)&0xffffffff, sim.Hash(seed, r.name, "a")&0xffff, sim.Hash(seed, r.name, "b")&0xfff,
			sim.Hash(seed, r.name, "c")&0xfff, sim.Hash(seed, r.name, "d")&0xffffffffffff)
	case byUser:
		labels["triggered-by"] = "user"
		ann["mlops.dev/requested-by"] = "user:default/data-scientist"
	}
	if r.failAt != "" {
		ann[kube.AnnOutcome] = "fail"
		ann[kube.AnnFailAt] = r.failAt
		if r.failAttempts != "" {
			ann[kube.AnnFailAttempts] = r.failAttempts
		}
	}
	hours := "24"
	if r.trigger == byCron {
		hours = "168"
	}
	return skipped(u("tekton.dev/v1", "PipelineRun", m.Namespace, r.name, labels, ann, obj{"spec": obj{
		"pipelineRef": obj{"name": PipelineName},
		"params": list{
			param("model-name", m.Name), param("notebook-path", m.Notebook), param("data-source", r.source),
			param("training-hours", hours), param("inference-service-name", m.Name),
			param("health-check-enabled", fmt.Sprint(r.health)), param("git-url", GitURL), param("git-ref", "main"),
		},
		"workspaces":      list{obj{"name": "model-storage", "persistentVolumeClaim": obj{"claimName": "model-storage-pvc"}}},
		"taskRunTemplate": obj{"serviceAccountName": "pipeline"},
		"timeouts":        obj{"pipeline": "1h0m0s"},
	}}))
}

// stepTime is how long a simulated step of a pipeline task takes.
func stepTime(seed int64, run, task string, call int) time.Duration {
	h := sim.Hash(seed, run, task, fmt.Sprint(call))
	switch task {
	case "train-model":
		if call == 1 { // waiting for the notebook to train
			return time.Duration(240+h%480) * time.Second
		}
	case "deploy-model":
		return time.Duration(15+h%45) * time.Second
	}
	return time.Duration(3+h%20) * time.Second
}

// simulateRun plays a PipelineRun to its end with a synthetic clock starting
// at r.start, returning its final status and its TaskRuns (with status).
func simulateRun(pr *unstructured.Unstructured, pipelineSpec map[string]interface{}, taskInfos map[string]sim.TaskInfo, r runSpec, seed int64, logs sim.LogSink) (map[string]interface{}, []*unstructured.Unstructured, error) {
	now := r.start
	children := map[string]*unstructured.Unstructured{}
	var order []*unstructured.Unstructured
	for i := 0; i < 100; i++ {
		env := sim.Env{Now: now, Seed: seed, Logs: logs}
		st, _, act := sim.AdvancePipelineRun(pr, pipelineSpec, children, env)
		pr.Object["status"] = st
		if done, _ := sim.TaskRunDone(pr); done {
			return st, order, nil
		}
		now = now.Add(2 * time.Second)
		for _, tr := range act.Create {
			task := tr.GetLabels()["tekton.dev/pipelineTask"]
			skipped(tr)
			children[task] = tr
			order = append(order, tr)
			ti := taskInfos[tr.GetLabels()["tekton.dev/task"]]
			for call := 0; call < 50; call++ {
				tst, changed := sim.AdvanceTaskRun(tr, ti, sim.Env{Now: now, Seed: seed, Logs: logs})
				if !changed {
					break
				}
				tr.Object["status"] = tst
				now = now.Add(stepTime(seed, r.name, task, call))
			}
		}
	}
	return nil, nil, fmt.Errorf("run %s did not finish", pr.GetName())
}

// historyStart is when the simulated status history of a seeded object begins:
// at want, unless the API server created the object later (its creationTimestamp
// is the time of its first apply, usually the seeding itself). Then the history
// starts at the creation, with every step at that instant, because a condition
// older than its object reads wrong in the portal ("created 2 minutes ago, failed
// 20 hours ago").
func historyStart(live *unstructured.Unstructured, want time.Time, step time.Duration) (time.Time, time.Duration) {
	created := live.GetCreationTimestamp().Time
	if created.IsZero() || !created.After(want) {
		return want, step
	}
	return created, 0
}

// simulate drives a simple state machine to its end with a synthetic clock.
func simulate(o *unstructured.Unstructured, start time.Time, step func(int) time.Duration, seed int64, logs sim.LogSink,
	advance func(*unstructured.Unstructured, sim.Env) (map[string]interface{}, bool)) {
	now := start
	for i := 0; i < 20; i++ {
		st, changed := advance(o, sim.Env{Now: now, Seed: seed, Logs: logs})
		if !changed {
			return
		}
		o.Object["status"] = st
		now = now.Add(step(i))
	}
}
