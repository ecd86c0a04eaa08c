package sim

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
)

// BuildRunner runs builds for real (execute.Platform).
type BuildRunner interface {
	Build(b *unstructured.Unstructured) *execute.BuildExecution
	StartBuild(b *unstructured.Unstructured) *execute.BuildExecution
}

// AdvanceExecutedBuild writes the status of a Build the platform runs, as the
// build controller writes it from the build pod (openshift/openshift-controller-manager
// pkg/build/controller/build/build_controller.go): New → Pending → Running
// (startTimestamp) → Complete (outputDockerImageReference, output.to.imageDigest,
// duration, stages) or Failed with the builder's reason and message and the
// log's last lines in logSnippet. A cancel (status.cancelled) is as AdvanceBuild.
func AdvanceExecutedBuild(b *unstructured.Unstructured, runner BuildRunner, env Env) (map[string]interface{}, bool) {
	st := status(b)
	phase := str(st, "phase")
	if BuildTerminal(phase) {
		return st, false
	}
	if c, _ := st["cancelled"].(bool); c {
		return AdvanceBuild(b, env)
	}
	if st["config"] == nil {
		if bc := b.GetLabels()["openshift.io/build-config.name"]; bc != "" {
			st["config"] = map[string]interface{}{"kind": "BuildConfig", "namespace": b.GetNamespace(), "name": bc}
		}
	}
	switch phase {
	case "", "New":
		runner.StartBuild(b)
		st["phase"] = "Pending"
		return st, true
	case "Pending":
		e := runner.StartBuild(b)
		st["phase"] = "Running"
		st["startTimestamp"] = e.Progress().Started.UTC().Format("2006-01-02T15:04:05Z")
		return st, true
	}
	e := runner.Build(b)
	if e == nil {
		st["phase"] = "Failed"
		st["reason"] = "BuildPodDeleted"
		st["message"] = "The pod for this build was deleted before the build completed."
		st["completionTimestamp"] = env.ts()
		return st, true
	}
	p := e.Progress()
	if !p.Done {
		return st, false
	}
	st["completionTimestamp"] = env.ts()
	st["duration"] = env.Now.Sub(p.Started).Nanoseconds()
	var stages []interface{}
	for _, s := range p.Stages {
		stages = append(stages, stage(s.Name, s.Start, s.Duration))
	}
	if len(stages) > 0 {
		st["stages"] = stages
	}
	if p.Failed {
		st["phase"] = "Failed"
		st["reason"] = p.Reason
		st["message"] = p.Message
		if p.LogSnippet != "" {
			st["logSnippet"] = p.LogSnippet
		}
		return st, true
	}
	st["phase"] = "Complete"
	st["outputDockerImageReference"] = OutputImageRef(b)
	st["output"] = map[string]interface{}{"to": map[string]interface{}{"imageDigest": p.Digest}}
	return st, true
}

// TaggedImage is the ImageStream status a build's push leaves: the image
// prepended to its tag's history (openshift/api image/v1 TagEvent), the
// repository set.
func TaggedImage(is *unstructured.Unstructured, tag, digest, created string, generation int64) {
	ns, name := is.GetNamespace(), is.GetName()
	repo := fmt.Sprintf("%s/%s/%s", execute.InternalRegistry, ns, name)
	st := status(is)
	st["dockerImageRepository"] = repo
	tags, _ := st["tags"].([]interface{})
	item := map[string]interface{}{"created": created, "dockerImageReference": repo + "@" + digest, "image": digest, "generation": generation}
	found := false
	for i, t := range tags {
		m, _ := t.(map[string]interface{})
		if m["tag"] != tag {
			continue
		}
		items, _ := m["items"].([]interface{})
		m["items"] = append([]interface{}{item}, items...)
		tags[i] = m
		found = true
	}
	if !found {
		tags = append(tags, map[string]interface{}{"tag": tag, "items": []interface{}{item}})
	}
	st["tags"] = tags
	is.Object["status"] = st
}
