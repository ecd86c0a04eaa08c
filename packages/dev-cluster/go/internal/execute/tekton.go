package execute

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/sandbox"
)

// A TaskRun's pod, run the way Tekton's entrypoint runs it
// (tektoncd/pipeline pkg/entrypoint/entrypointer.go, pkg/pod/script.go,
// pkg/pod/status.go): the steps one after the other in one "pod" (shared
// /workspace, /tekton/results, /tekton/home); a step's script is written to
// /tekton/scripts and executed (no "#!" line: "#!/bin/sh\nset -e\n" is put in
// front); after a step the declared results are read from /tekton/results;
// a failing step skips the rest, unless it has onError: continue; a result
// message over 4096 bytes fails the step (the termination message limit).

// TerminationMessageLimit is the kubelet's limit on a termination message,
// which carries a step's results (pkg/termination/write.go MaxContainerTerminationMessageLength).
const TerminationMessageLimit = 4096

// Waiting is a container that has not started, with the kubelet's reason.
type Waiting struct{ Reason, Message string }

// StepState is a step's container state.
type StepState struct {
	Name, Container, ImageID string
	Waiting                  *Waiting
	Started, Finished        time.Time
	Running, Terminated      bool
	ExitCode                 int
	// Reason is the container's termination reason (Completed, Error); the
	// TerminationReason is Tekton's (Continued, Skipped, TaskRunTimeout, ...).
	Reason, TerminationReason string
}

// Result is a TaskRun result read from a step's results directory.
type Result struct {
	Name, Type string
	Value      interface{}
}

// TaskRunProgress is what the TaskRun's pod has done so far.
type TaskRunProgress struct {
	Steps   []StepState
	Results []Result
	// Pending: the pod cannot be scheduled yet (e.g. a claim is missing).
	Pending string
	// FailReason/FailMessage: the TaskRun fails without a step having run
	// (its pod could not be created or an image not pulled), or timed out.
	FailReason, FailMessage string
	Done                    bool
}

// TaskRunExecution is one attempt (one pod) of a TaskRun.
type TaskRunExecution struct {
	cancel context.CancelFunc
	mu     sync.Mutex
	p      TaskRunProgress
}

// Progress returns a copy of what the attempt has done.
func (e *TaskRunExecution) Progress() TaskRunProgress {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.p
	out.Steps = append([]StepState(nil), e.p.Steps...)
	out.Results = append([]Result(nil), e.p.Results...)
	return out
}

// Cancel stops the attempt (the TaskRun was cancelled or its PipelineRun timed out).
func (e *TaskRunExecution) Cancel() { e.cancel() }

func (e *TaskRunExecution) update(f func(p *TaskRunProgress)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f(&e.p)
}

// TaskRun returns the running or finished attempt of a TaskRun, if any.
func (p *Platform) TaskRun(tr *unstructured.Unstructured, attempt int) *TaskRunExecution {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.taskRuns[fmt.Sprintf("%s/%d", tr.GetUID(), attempt)]
}

// StartTaskRun starts an attempt of a TaskRun with its resolved Task, in pod
// podName. It returns at once; Progress tells how far it got.
func (p *Platform) StartTaskRun(tr *unstructured.Unstructured, taskName string, taskSpec map[string]interface{}, podName string, attempt int) *TaskRunExecution {
	id := fmt.Sprintf("%s/%d", tr.GetUID(), attempt)
	p.mu.Lock()
	if e, ok := p.taskRuns[id]; ok {
		p.mu.Unlock()
		return e
	}
	timeout := 60 * time.Minute // config-defaults default-timeout-minutes
	if t, _, _ := unstructured.NestedString(tr.Object, "spec", "timeout"); t != "" {
		if d, err := time.ParseDuration(t); err == nil && d > 0 {
			timeout = d
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &TaskRunExecution{cancel: cancel}
	p.taskRuns[id] = e
	p.mu.Unlock()
	go func() {
		defer cancel()
		p.runTaskRun(ctx, e, tr.DeepCopy(), taskName, taskSpec, podName, attempt, timeout)
		e.update(func(pr *TaskRunProgress) { pr.Done = true })
	}()
	return e
}

func (p *Platform) runTaskRun(ctx context.Context, e *TaskRunExecution, tr *unstructured.Unstructured, taskName string, taskSpec map[string]interface{},
	podName string, attempt int, timeout time.Duration) {
	ns := tr.GetNamespace()
	deadline := time.Now().Add(timeout)
	ws, err := taskWorkspaces(taskSpec, tr)
	if err != nil {
		e.update(func(pr *TaskRunProgress) { pr.FailReason, pr.FailMessage = "TaskRunValidationFailed", err.Error() })
		return
	}
	steps := substitutedSteps(taskSpec, tr, taskName, ws, attempt)
	e.update(func(pr *TaskRunProgress) {
		for _, s := range steps {
			pr.Steps = append(pr.Steps, StepState{Name: s.Name, Container: s.Container, ImageID: s.Image, Waiting: &Waiting{Reason: "PodInitializing"}})
		}
	})
	fail := func(reason, message string) {
		e.update(func(pr *TaskRunProgress) { pr.FailReason, pr.FailMessage = reason, message })
	}

	// Scheduling: every claim must exist.
	var mounts []sandbox.Mount
	for {
		mounts = nil
		var missing error
		for _, w := range ws {
			if !w.Bound || w.Claim == "" {
				continue
			}
			dir, err := p.claimVolume(ctx, ns, w.Claim, w.SubPath)
			if err != nil {
				missing = err
				break
			}
			mounts = append(mounts, sandbox.Mount{Source: dir, Target: w.MountPath})
		}
		if missing == nil {
			break
		}
		msg := fmt.Sprintf(`pod status "PodScheduled":"False"; message: "%s"`, missing)
		e.update(func(pr *TaskRunProgress) { pr.Pending = msg })
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
		if time.Now().After(deadline) {
			fail("TaskRunTimeout", fmt.Sprintf("TaskRun %q failed to finish within %q", tr.GetName(), durationText(timeout)))
			return
		}
	}
	e.update(func(pr *TaskRunProgress) { pr.Pending = "" })

	runDir := p.dir("runs", ns, podName)
	_ = os.RemoveAll(runDir)
	dirs := map[string]string{}
	for _, d := range []string{"scripts", "results", "home", "steps", "workspace", "tmp", "serviceaccount", "creds"} {
		dirs[d] = filepath.Join(runDir, d)
		if err := os.MkdirAll(dirs[d], 0o777); err != nil {
			fail("PodCreationFailed", err.Error())
			return
		}
	}
	for _, w := range ws {
		if w.Bound && w.Claim == "" { // emptyDir (and other volume types) live with the pod
			dir := filepath.Join(runDir, "volumes", w.Name)
			_ = os.MkdirAll(dir, 0o777)
			mounts = append(mounts, sandbox.Mount{Source: dir, Target: w.MountPath})
		}
	}
	sa, _, _ := unstructured.NestedString(tr.Object, "spec", "serviceAccountName")
	saMount, err := p.serviceAccountMount(ctx, ns, sa, dirs["serviceaccount"])
	if err != nil {
		fail("PodCreationFailed", fmt.Sprintf("failed to create task run pod %q: pods %q is forbidden: %v. Maybe missing or invalid Task %s/%s", tr.GetName(), podName, err, ns, taskName))
		return
	}
	mounts = append(mounts,
		sandbox.Mount{Source: dirs["scripts"], Target: scriptsDir},
		sandbox.Mount{Source: dirs["results"], Target: resultsDir},
		sandbox.Mount{Source: dirs["home"], Target: homeDir},
		sandbox.Mount{Source: dirs["steps"], Target: stepsDir},
		sandbox.Mount{Source: dirs["creds"], Target: credsDir},
		sandbox.Mount{Source: dirs["workspace"], Target: workspaceDir},
		sandbox.Mount{Source: dirs["tmp"], Target: "/tmp"},
		saMount,
	)

	// The "container runtime" creates every step's container: an image it
	// cannot run fails the pod before any step runs.
	images := make([]*Image, len(steps))
	for i, s := range steps {
		img, err := p.ResolveImage(ctx, ns, s.Image)
		if err == nil && s.Script == "" && len(s.Command) == 0 {
			err = &ImageError{Ref: s.Image, Message: fmt.Sprintf("the dev cluster does not know the entrypoint of image %q: give the step a script or a command", s.Image)}
		}
		var ie *ImageError
		if errors.As(err, &ie) {
			reason := "CreateContainerError"
			if ie.Runnable {
				reason = "ImagePullBackOff"
			}
			e.update(func(pr *TaskRunProgress) { pr.Steps[i].Waiting = &Waiting{Reason: reason, Message: ie.Message} })
			if ie.Runnable {
				// pkg/reconciler/taskrun/taskrun.go checkContainerFailure (no image pull back-off timeout).
				fail("TaskRunImagePullFailed", fmt.Sprintf(`the step %q in TaskRun %q failed to pull the image %q. The pod errored with the message: "%s."`, s.Name, tr.GetName(), s.Image, ie.Message))
			} else {
				fail("PodCreationFailed", fmt.Sprintf(`the step %q in TaskRun %q failed to start. The pod errored with the message: "%s."`, s.Name, tr.GetName(), ie.Message))
			}
			return
		}
		if err != nil {
			fail("PodCreationFailed", err.Error())
			return
		}
		images[i] = img
		e.update(func(pr *TaskRunProgress) { pr.Steps[i].ImageID = img.ID })
	}
	if err := p.Sandboxes(); err != nil {
		e.update(func(pr *TaskRunProgress) {
			pr.Steps[0].Waiting = &Waiting{Reason: "CreateContainerError", Message: cannotRun("containers", err)}
		})
		fail("PodCreationFailed", fmt.Sprintf(`the step %q in TaskRun %q failed to start. The pod errored with the message: "%s."`, steps[0].Name, tr.GetName(), cannotRun("containers", err)))
		return
	}

	results := declaredResults(taskSpec)
	failed := false
	for i, s := range steps {
		if failed {
			now := time.Now()
			e.update(func(pr *TaskRunProgress) {
				st := &pr.Steps[i]
				st.Waiting, st.Terminated, st.ExitCode, st.Reason, st.TerminationReason = nil, true, 0, "Completed", "Skipped"
				st.Started, st.Finished = now, now
			})
			_ = p.Logs.Finish(ns, "pods", podName, s.Container)
			continue
		}
		code, reason := p.runStep(ctx, e, i, s, images[i], mounts, dirs, ns, podName, deadline, results)
		if reason == "TaskRunTimeout" || reason == "TaskRunCancelled" {
			for j := i + 1; j < len(steps); j++ {
				now := time.Now()
				e.update(func(pr *TaskRunProgress) {
					st := &pr.Steps[j]
					st.Waiting, st.Terminated, st.ExitCode, st.Reason, st.TerminationReason = nil, true, 1, reason, reason
					st.Started, st.Finished = now, now
				})
			}
			if reason == "TaskRunTimeout" {
				fail("TaskRunTimeout", fmt.Sprintf("TaskRun %q failed to finish within %q", tr.GetName(), durationText(timeout)))
			}
			return
		}
		if code != 0 && s.OnError != "continue" {
			failed = true
		}
	}
}

// runStep runs one step to its end and records its state and results.
func (p *Platform) runStep(ctx context.Context, e *TaskRunExecution, i int, s StepSpec, img *Image, mounts []sandbox.Mount,
	dirs map[string]string, ns, podName string, deadline time.Time, results []ResultSpec) (int, string) {
	logFile, err := p.Logs.Writer(ns, "pods", podName, s.Container)
	if err != nil {
		logFile = nil
	}
	defer func() {
		if logFile != nil {
			logFile.Close()
		}
		_ = p.Logs.Finish(ns, "pods", podName, s.Container)
	}()
	stepDir := filepath.Join(dirs["steps"], s.Container)
	_ = os.MkdirAll(stepDir, 0o777)

	args := append(append([]string{}, s.Command...), s.Args...)
	if s.Script != "" {
		script := s.Script
		if !strings.HasPrefix(strings.TrimSpace(script), "#!") {
			script = scriptPrelude + script
		}
		name := fmt.Sprintf("script-%d-%05x", i, time.Now().UnixNano()&0xfffff)
		if err := os.WriteFile(filepath.Join(dirs["scripts"], name), []byte(script), 0o755); err != nil {
			return p.stepError(e, i, err)
		}
		args = append([]string{filepath.Join(scriptsDir, name)}, s.Args...)
	}
	workingDir := s.WorkingDir
	if workingDir == "" {
		workingDir = img.WorkingDir
	}
	base := p.podEnv(img, homeDir)
	env := append(base, expandEnv(s.Env, serviceEnv(base))...)
	cmd, err := p.sandboxCommand(sandbox.Spec{Args: args, Env: env, Dir: workingDir, Mounts: append(append([]sandbox.Mount{}, mounts...), img.Mounts...)},
		filepath.Dir(dirs["scripts"]))
	if err != nil {
		return p.stepError(e, i, err)
	}
	if logFile != nil {
		cmd.Stdout, cmd.Stderr = logFile, logFile
	}
	started := time.Now()
	if err := p.start(cmd); err != nil {
		return p.stepError(e, i, err)
	}
	e.update(func(pr *TaskRunProgress) {
		st := &pr.Steps[i]
		st.Waiting, st.Running, st.Started = nil, true, started
	})
	stepCtx, cancel := context.WithDeadline(ctx, deadline)
	if s.Timeout != "" {
		if d, err := time.ParseDuration(s.Timeout); err == nil && d > 0 && started.Add(d).Before(deadline) {
			stepCtx, cancel = context.WithTimeout(ctx, d)
		}
	}
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- p.wait(cmd) }()
	var waitErr error
	stopped := ""
	select {
	case waitErr = <-done:
	case <-stepCtx.Done():
		sandbox.Kill(cmd)
		waitErr = <-done
		switch {
		case ctx.Err() != nil:
			stopped = "TaskRunCancelled"
		case time.Now().After(deadline):
			stopped = "TaskRunTimeout"
		default:
			stopped = "TimeoutExceeded"
		}
	}
	code := 0
	if cmd.ProcessState != nil {
		code = cmd.ProcessState.ExitCode()
		if code < 0 {
			code = 137
		}
	} else if waitErr != nil {
		code = 1
	}
	if stopped != "" && code == 0 {
		code = 1
	}
	// The entrypoint reads the declared results after the step.
	var got []Result
	var message []map[string]string
	for _, r := range results {
		raw, err := os.ReadFile(filepath.Join(dirs["results"], r.Name))
		if err != nil {
			continue
		}
		message = append(message, map[string]string{"key": r.Name, "value": string(raw), "type": "1"})
		if v, ok := resultValue(r.Type, string(raw)); ok {
			got = append(got, Result{Name: r.Name, Type: r.Type, Value: v})
		}
	}
	if encoded, _ := json.Marshal(message); len(encoded) > TerminationMessageLimit {
		if logFile != nil {
			fmt.Fprintf(logFile, "termination message is above max allowed size %d, caused by large task result.\n", TerminationMessageLimit)
		}
		code, got = 1, nil
	}
	reason := "Completed"
	if code != 0 {
		reason = "Error"
	}
	termination := reason
	switch {
	case stopped == "TaskRunCancelled" || stopped == "TaskRunTimeout":
		termination = stopped
	case stopped == "TimeoutExceeded":
		termination = "TimeoutExceeded"
	case code != 0 && s.OnError == "continue":
		termination = "Continued"
	}
	finished := time.Now()
	e.update(func(pr *TaskRunProgress) {
		st := &pr.Steps[i]
		st.Running, st.Terminated, st.Finished, st.ExitCode, st.Reason, st.TerminationReason = false, true, finished, code, reason, termination
		for _, r := range got {
			replaced := false
			for k := range pr.Results {
				if pr.Results[k].Name == r.Name {
					pr.Results[k], replaced = r, true
				}
			}
			if !replaced {
				pr.Results = append(pr.Results, r)
			}
		}
	})
	// The entrypoint writes the exit code for later steps
	// ($(steps.<step>.exitCode.path)).
	_ = os.WriteFile(filepath.Join(stepDir, "exitCode"), []byte(fmt.Sprint(code)), 0o644)
	return code, stopped
}

// stepError ends a step that could not be started.
func (p *Platform) stepError(e *TaskRunExecution, i int, err error) (int, string) {
	now := time.Now()
	e.update(func(pr *TaskRunProgress) {
		st := &pr.Steps[i]
		st.Waiting, st.Running, st.Terminated, st.Started, st.Finished, st.ExitCode, st.Reason, st.TerminationReason =
			nil, false, true, now, now, 128, "StartError", "StartError"
	})
	p.logf("step %d: %v", i, err)
	return 128, ""
}

// durationText formats like Go's metav1.Duration ("1h0m0s").
func durationText(d time.Duration) string { return d.String() }
