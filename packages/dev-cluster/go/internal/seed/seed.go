package seed

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/logstore"
	"github.com/backstage-mlops/dev-cluster/internal/shim"
	"github.com/backstage-mlops/dev-cluster/internal/sim"
)

// Options configure a seeding.
type Options struct {
	Base      time.Time // history is placed before this instant
	Seed      int64
	Store     *logstore.Store
	Manifests string // for examples/model-training-pipeline-rbac.yaml
	Log       io.Writer
}

// Stats counts what was applied.
type Stats struct{ Objects, PipelineRuns, TaskRuns, NVJs, Builds, Pods int }

type seeder struct {
	ctx     context.Context
	c       *kube.Clients
	applier *kube.Applier
	o       Options
	logs    *bufferSink
	stats   Stats
}

// Run applies the demo data set. It is idempotent: names are deterministic
// and everything is written with server-side apply.
func Run(ctx context.Context, c *kube.Clients, o Options) (Stats, error) {
	a, err := kube.NewApplier(c)
	if err != nil {
		return Stats{}, err
	}
	s := &seeder{ctx: ctx, c: c, applier: a, o: o, logs: newBufferSink()}
	done := map[string]bool{}
	for _, m := range Models {
		if !done[m.Namespace] {
			if err := s.namespace(m.Namespace); err != nil {
				return s.stats, err
			}
			done[m.Namespace] = true
		}
		if err := s.model(m); err != nil {
			return s.stats, fmt.Errorf("model %s/%s: %w", m.Namespace, m.Name, err)
		}
		fmt.Fprintf(o.Log, "seeded %s/%s\n", m.Namespace, m.Name)
	}
	return s.stats, s.logs.flush(o.Store)
}

// recorded are the kinds the execution platform would run: the demo's objects
// of these kinds are its recorded models, so they stay simulated (a new run
// of the demo pipeline, a restart of a demo model, a build of a demo image
// are simulated; the demo has no source repository or trained model files).
var recorded = map[string]bool{"Pipeline": true, "Task": true, "PipelineRun": true, "TaskRun": true, "BuildConfig": true,
	"Build": true, "InferenceService": true, "NotebookValidationJob": true}

func (s *seeder) apply(o *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	if recorded[o.GetKind()] && !sim.Skipped(o) {
		ann := o.GetAnnotations()
		if ann == nil {
			ann = map[string]string{}
		}
		ann[kube.AnnSimulate] = "true"
		o.SetAnnotations(ann)
	}
	st, hasStatus := o.Object["status"]
	delete(o.Object, "status")
	live, err := s.applier.Apply(s.ctx, o)
	if err != nil {
		return nil, err
	}
	s.stats.Objects++
	if hasStatus {
		o.Object["status"] = st
		m, err := s.applier.Mapping(o.GroupVersionKind())
		if err != nil {
			return nil, err
		}
		if err := kube.ApplyStatus(s.ctx, s.c, m.Resource, o); err != nil {
			return nil, err
		}
		live.Object["status"] = st
	}
	return live, nil
}

func (s *seeder) namespace(ns string) error {
	nsObj := u("v1", "Namespace", "", ns, obj{"mlops.dev/demo": "true", "opendatahub.io/dashboard": "true", "modelmesh-enabled": "false"},
		obj{"openshift.io/display-name": "MLOps demo (" + ns + ")", AllowedOwnersAnnotation: NamespaceOwners[ns]}, nil)
	objs := []*unstructured.Unstructured{nsObj}
	rbac, err := kube.ReadManifestFile(filepath.Join(s.o.Manifests, "examples", "model-training-pipeline-rbac.yaml"))
	if err != nil {
		return err
	}
	for _, r := range rbac {
		r.SetNamespace(ns)
		if subs, ok, _ := unstructured.NestedSlice(r.Object, "subjects"); ok {
			for _, sub := range subs {
				sub.(map[string]interface{})["namespace"] = ns
			}
			_ = unstructured.SetNestedSlice(r.Object, subs, "subjects")
		}
		objs = append(objs, r)
	}
	objs = append(objs,
		u("v1", "ServiceAccount", ns, "self-healing-workbench", obj{"app.kubernetes.io/part-of": "mlops-models"}, nil, nil),
		u("v1", "PersistentVolumeClaim", ns, "model-storage-pvc", obj{"app.kubernetes.io/part-of": "mlops-models"}, nil, obj{"spec": obj{
			"accessModes": list{"ReadWriteOnce"}, "resources": obj{"requests": obj{"storage": "10Gi"}},
		}}),
		pipeline(ns), servingRuntime(ns), ovmsServingRuntime(ns), mlserverServingRuntime(ns),
	)
	objs = append(objs, tasks(ns)...)
	objs = append(objs, triggers(ns)...)
	for _, o := range objs {
		if _, err := s.apply(o); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) model(m Model) error {
	base, seed := s.o.Base, s.o.Seed
	// Image builds.
	bc, err := s.apply(m.buildConfig())
	if err != nil {
		return err
	}
	var completed []*unstructured.Unstructured
	for n := 1; n <= m.Builds; n++ {
		b := shim.NewBuild(bc, int64(n), nil)
		ann := b.GetAnnotations()
		delete(ann, kube.AnnOutcome)
		if n == m.Builds && m.LastBuildFails {
			ann[kube.AnnOutcome] = "fail"
		}
		b.SetAnnotations(ann)
		skipped(b)
		start := base.Add(-time.Duration(m.Builds-n)*5*24*time.Hour - 3*time.Hour)
		simulate(b, start, func(i int) time.Duration {
			return []time.Duration{20 * time.Second, 15 * time.Second, time.Duration(180+sim.Hash(seed, b.GetName())%240) * time.Second}[min(i, 2)]
		}, seed, s.logs, sim.AdvanceBuild)
		if _, err := s.apply(b); err != nil {
			return err
		}
		s.stats.Builds++
		if phase, _, _ := unstructured.NestedString(b.Object, "status", "phase"); phase == "Complete" {
			completed = append(completed, b)
		}
	}
	bc.Object["status"] = obj{"lastVersion": int64(m.Builds)}
	if err := kube.ApplyStatus(s.ctx, s.c, kube.BuildConfig, bc); err != nil {
		return err
	}
	if _, err := s.apply(m.imageStream(completed)); err != nil {
		return err
	}

	// Training runs.
	p := pipeline(m.Namespace)
	pspec, _, _ := unstructured.NestedMap(p.Object, "spec")
	infos := map[string]sim.TaskInfo{}
	for _, t := range tasks(m.Namespace) {
		spec, _, _ := unstructured.NestedMap(t.Object, "spec")
		infos[t.GetName()] = sim.TaskInfoFromSpec(t.GetName(), spec)
	}
	runs := m.runSpecs(seed, base)
	for i, r := range runs {
		pr, err := s.apply(m.pipelineRun(r, seed))
		if err != nil {
			return err
		}
		cp := pr.DeepCopy()
		delete(cp.Object, "status") // re-seeding replays history from scratch
		prStatus, trs, err := simulateRun(cp, pspec, infos, r, seed, s.logs)
		if err != nil {
			return err
		}
		for _, tr := range trs {
			live, err := s.apply(tr)
			if err != nil {
				return err
			}
			s.stats.TaskRuns++
			if err := s.pod(sim.TaskRunPod(live)); err != nil {
				return err
			}
		}
		pr.Object["status"] = prStatus
		if err := kube.ApplyStatus(s.ctx, s.c, kube.PipelineRun, pr); err != nil {
			return err
		}
		s.stats.PipelineRuns++
		// The three most recent runs have the NotebookValidationJob their train step created.
		if i < 3 {
			outcome := ""
			if r.failAt == "train-model" {
				outcome = sim.NVJFail
				if m.NVJOutcome == sim.NVJDependency {
					outcome = sim.NVJDependency
				}
			}
			nvj := m.nvj(fmt.Sprintf("train-%s-%d", m.Name, r.start.Unix()), false, outcome, obj{"tekton.dev/pipelineRun": r.name})
			if err := s.nvj(nvj, r.start.Add(10*time.Second)); err != nil {
				return err
			}
		}
	}
	// The chart-style validation job of the model's notebook (latest outcome).
	if err := s.nvj(m.nvj(m.Name+"-validation", m.Name == "anomaly-detector", m.NVJOutcome, obj{"app.kubernetes.io/component": "notebook-validation"}), base.Add(-90*time.Minute)); err != nil {
		return err
	}
	if m.LastBuildFails {
		if err := s.nvj(m.nvj(m.Name+"-validation-s2i", true, sim.NVJBuildFail, obj{"app.kubernetes.io/component": "notebook-validation"}), base.Add(-2*time.Hour)); err != nil {
			return err
		}
	}

	// Serving, workbench, schedule.
	isvc, err := s.apply(m.isvc())
	if err != nil {
		return err
	}
	delete(isvc.Object, "status")
	isvcStart, isvcStep := historyStart(isvc, base.Add(-20*time.Hour), 40*time.Second)
	rt := sim.ResolveRuntime(isvc, []unstructured.Unstructured{*servingRuntime(m.Namespace), *ovmsServingRuntime(m.Namespace)})
	simulate(isvc, isvcStart, func(int) time.Duration { return isvcStep }, seed, s.logs,
		func(u *unstructured.Unstructured, env sim.Env) (map[string]interface{}, bool) {
			return sim.AdvanceISVC(u, rt, env)
		})
	if err := kube.ApplyStatus(s.ctx, s.c, kube.ISVC, isvc); err != nil {
		return err
	}
	wb, err := s.apply(m.workbench(base))
	if err != nil {
		return err
	}
	delete(wb.Object, "status")
	wbStart, wbStep := historyStart(wb, base.Add(-3*time.Hour), 30*time.Second)
	simulate(wb, wbStart, func(int) time.Duration { return wbStep }, seed, s.logs, sim.AdvanceNotebook)
	if err := kube.ApplyStatus(s.ctx, s.c, kube.Notebook, wb); err != nil {
		return err
	}
	_, err = s.apply(m.cronJob())
	return err
}

func (s *seeder) nvj(n *unstructured.Unstructured, start time.Time) error {
	skipped(n)
	simulate(n, start, func(i int) time.Duration {
		return time.Duration(20+sim.Hash(s.o.Seed, n.GetName(), fmt.Sprint(i))%200) * time.Second
	}, s.o.Seed, s.logs, sim.AdvanceNVJ)
	live, err := s.apply(n)
	if err != nil {
		return err
	}
	s.stats.NVJs++
	return s.pod(sim.NVJPod(live))
}

// pod applies a simulated pod object and its status.
func (s *seeder) pod(p *unstructured.Unstructured) error {
	if p == nil {
		return nil
	}
	if _, err := s.apply(p); err != nil {
		return err
	}
	s.stats.Pods++
	return nil
}
