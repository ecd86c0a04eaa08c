package sim

import (
	"fmt"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// BuildTerminal reports whether a Build phase is final.
func BuildTerminal(phase string) bool {
	return phase == "Complete" || phase == "Failed" || phase == "Error" || phase == "Cancelled"
}

// OutputImageRef is the pull spec a build pushes to: an ImageStreamTag
// "is:tag" maps to the internal registry of the build's namespace.
func OutputImageRef(b *unstructured.Unstructured) string {
	kind, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "kind")
	name, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "name")
	ns, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "namespace")
	if ns == "" {
		ns = b.GetNamespace()
	}
	if kind == "DockerImage" || name == "" {
		return name
	}
	if !strings.Contains(name, ":") {
		name += ":latest"
	}
	return fmt.Sprintf("image-registry.openshift-image-registry.svc:5000/%s/%s", ns, name)
}

// AdvanceBuild moves an OpenShift Build New → Pending → Running →
// Complete/Failed (sim.mlops.dev/outcome: fail → DockerBuildFailed with the
// log's last lines in logSnippet), or Cancelled once status.cancelled is true,
// as openshift-controller-manager's build controller and the builder image
// write them (openshift/openshift-controller-manager:
// pkg/build/controller/build/build_controller.go; openshift/builder:
// pkg/build/builder/docker.go): phase, reason, message, times, duration, output
// and stages; no conditions. The build log goes to the log store as
// builds/<name>, container "build".
func AdvanceBuild(b *unstructured.Unstructured, env Env) (map[string]interface{}, bool) {
	st := status(b)
	phase := str(st, "phase")
	if BuildTerminal(phase) {
		return st, false
	}
	ns, name := b.GetNamespace(), b.GetName()
	ts := env.ts()
	if c, _ := st["cancelled"].(bool); c {
		st["phase"] = "Cancelled"
		st["reason"] = "CancelledBuild"
		st["message"] = "The build was cancelled by the user."
		st["completionTimestamp"] = ts
		_ = env.Logs.Append(ns, "builds", name, "build", "Build cancelled by user")
		_ = env.Logs.Finish(ns, "builds", name, "build")
		return st, true
	}
	if st["config"] == nil {
		if bc := b.GetLabels()["openshift.io/build-config.name"]; bc != "" {
			st["config"] = map[string]interface{}{"kind": "BuildConfig", "namespace": ns, "name": bc}
		}
	}
	strategy, _, _ := unstructured.NestedString(b.Object, "spec", "strategy", "type")
	gitURI, _, _ := unstructured.NestedString(b.Object, "spec", "source", "git", "uri")
	gitRef, _, _ := unstructured.NestedString(b.Object, "spec", "source", "git", "ref")
	out := OutputImageRef(b)
	switch phase {
	case "", "New":
		st["phase"] = "Pending"
	case "Pending":
		st["phase"] = "Running"
		st["startTimestamp"] = ts
		_ = env.Logs.Append(ns, "builds", name, "build", strings.Join([]string{
			fmt.Sprintf("Cloning %q ...", gitURI),
			fmt.Sprintf("\tCommit:\t%07x (simulated commit on %s)", Hash(env.Seed, name)&0xfffffff, orDefault(gitRef, "main")),
			"\tAuthor:\tDev Cluster <dev@mlops.dev>",
			"\tDate:\t" + env.Now.UTC().Format(time.RFC1123Z),
			fmt.Sprintf("%s build strategy: STEP 1/6: FROM quay.io/modh/odh-pytorch-notebook:2025.1", orDefault(strategy, "Docker")),
			"STEP 2/6: COPY requirements.txt /tmp/requirements.txt",
			"STEP 3/6: RUN pip install --no-cache-dir -r /tmp/requirements.txt",
		}, "\n"))
	case "Running":
		since := map[string]interface{}{"startedAt": str(st, "startTimestamp")}
		if progressing(b, since, env) {
			appendProgress(env, ns, "builds", name, "build", since, holdFor(b))
			return st, false
		}
		started, _ := time.Parse(time.RFC3339, str(st, "startTimestamp"))
		if started.IsZero() {
			started = env.Now
		}
		st["completionTimestamp"] = ts
		st["duration"] = env.Now.Sub(started).Nanoseconds()
		if Outcome(b) == "fail" {
			st["phase"] = "Failed"
			st["reason"] = "DockerBuildFailed"
			st["message"] = "Docker build strategy has failed."
			snippet := "ERROR: Could not find a version that satisfies the requirement xgboost==9.9.9\nerror: build error: building at STEP \"RUN pip install --no-cache-dir -r /tmp/requirements.txt\": exit status 1"
			st["logSnippet"] = snippet
			st["stages"] = []interface{}{
				stage("FetchInputs", started, 2*time.Second), stage("PullImages", started.Add(2*time.Second), 8*time.Second),
				stage("Build", started.Add(10*time.Second), env.Now.Sub(started)-10*time.Second),
			}
			_ = env.Logs.Append(ns, "builds", name, "build", "Collecting numpy==1.26.4\nCollecting pandas==2.2.2\n"+snippet)
		} else {
			digest := Digest(env.Seed, ns, name)
			st["phase"] = "Complete"
			st["outputDockerImageReference"] = out
			st["output"] = map[string]interface{}{"to": map[string]interface{}{"imageDigest": digest}}
			st["stages"] = []interface{}{
				stage("FetchInputs", started, 2*time.Second), stage("PullImages", started.Add(2*time.Second), 8*time.Second),
				stage("Build", started.Add(10*time.Second), env.Now.Sub(started)-12*time.Second), stage("PushImage", env.Now.Add(-2*time.Second), 2*time.Second),
			}
			_ = env.Logs.Append(ns, "builds", name, "build", strings.Join([]string{
				"Successfully installed numpy-1.26.4 pandas-2.2.2 scikit-learn-1.5.0 papermill-2.6.0",
				"STEP 4/6: COPY notebooks/ /opt/app-root/src/notebooks/",
				"STEP 5/6: USER 1001",
				"STEP 6/6: LABEL \"io.openshift.build.name\"=\"" + name + "\"",
				"COMMIT temp.builder.openshift.io/" + ns + "/" + name + ":latest",
				"",
				fmt.Sprintf("Pushing image %s ...", out),
				fmt.Sprintf("Successfully pushed %s@%s", strings.Split(out, ":5000/")[len(strings.Split(out, ":5000/"))-1], digest),
				"Push successful",
			}, "\n"))
		}
		_ = env.Logs.Finish(ns, "builds", name, "build")
	}
	return st, true
}

func stage(name string, start time.Time, d time.Duration) map[string]interface{} {
	if d < 0 {
		d = time.Second
	}
	return map[string]interface{}{"name": name, "startTime": start.UTC().Format(time.RFC3339), "durationMilliseconds": d.Milliseconds()}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
