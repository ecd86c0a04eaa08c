package execute

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/sandbox"
)

// The validation pod of a NotebookValidationJob, run the way the Jupyter
// Notebook Validator Operator builds it (tosin2013/jupyter-notebook-validator-operator:
// internal/controller/git_helper.go, the git-clone init container: a shallow
// clone of spec.notebook.git into /workspace/repo that fails when the notebook
// is missing; internal/controller/papermill_helper.go, the validator
// container on spec.podConfig.containerImage with its env, volumes and
// service account, HOME=/workspace). The validator container runs
// python/validator.py, which prints the operator's "Results Summary:".

// ContainerState is a container of a pod.
type ContainerState struct {
	Waiting           *Waiting
	Running           bool
	Terminated        bool
	ExitCode          int
	Reason, Message   string
	Started, Finished time.Time
}

// ValidationProgress is what a validation pod has done.
type ValidationProgress struct {
	GitClone, Validator ContainerState
	// Image is the validator's resolved image (its imageID).
	Image string
	Done  bool
}

// ValidationExecution is one validation pod.
type ValidationExecution struct {
	cancel context.CancelFunc
	mu     sync.Mutex
	p      ValidationProgress
}

// Progress returns what the pod has done so far.
func (e *ValidationExecution) Progress() ValidationProgress {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.p
}

// Cancel stops the pod (the job was deleted or the operator gave up on it).
func (e *ValidationExecution) Cancel() { e.cancel() }

func (e *ValidationExecution) update(f func(p *ValidationProgress)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f(&e.p)
}

// Validation returns attempt n of a job's validation pod, if started.
func (p *Platform) Validation(nvj *unstructured.Unstructured, attempt int64) *ValidationExecution {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.validators[fmt.Sprintf("%s/%d", nvj.GetUID(), attempt)]
}

// StartValidation starts attempt n of a job's validation pod on image.
func (p *Platform) StartValidation(nvj *unstructured.Unstructured, podName, image string, skipGitClone bool, attempt int64) *ValidationExecution {
	id := fmt.Sprintf("%s/%d", nvj.GetUID(), attempt)
	p.mu.Lock()
	if e, ok := p.validators[id]; ok {
		p.mu.Unlock()
		return e
	}
	timeout := 30 * time.Minute
	if t, _, _ := unstructured.NestedString(nvj.Object, "spec", "timeout"); t != "" {
		if d, err := time.ParseDuration(t); err == nil && d > 0 {
			timeout = d
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	e := &ValidationExecution{cancel: cancel}
	e.p.GitClone.Waiting = &Waiting{Reason: "PodInitializing"}
	e.p.Validator.Waiting = &Waiting{Reason: "PodInitializing"}
	if skipGitClone {
		e.p.GitClone = ContainerState{}
	}
	p.validators[id] = e
	p.mu.Unlock()
	go func() {
		defer cancel()
		p.runValidation(ctx, e, nvj.DeepCopy(), podName, image, skipGitClone, attempt)
		e.update(func(pr *ValidationProgress) { pr.Done = true })
	}()
	return e
}

func (p *Platform) runValidation(ctx context.Context, e *ValidationExecution, nvj *unstructured.Unstructured, podName, image string, skipGitClone bool, attempt int64) {
	ns := nvj.GetNamespace()
	runDir := p.dir("runs", ns, fmt.Sprintf("%s-%d", podName, attempt))
	_ = os.RemoveAll(runDir)
	dirs := map[string]string{}
	for _, d := range []string{"workspace", "home", "tmp", "serviceaccount", "scripts"} {
		dirs[d] = filepath.Join(runDir, d)
		_ = os.MkdirAll(dirs[d], 0o777)
	}
	notebook, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "path")
	gitURL, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "git", "url")
	gitRef, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "git", "ref")
	if gitRef == "" {
		gitRef = "main"
	}
	setValidator := func(f func(c *ContainerState)) { e.update(func(pr *ValidationProgress) { f(&pr.Validator) }) }

	// The pod's volumes: spec.podConfig.volumes with their volumeMounts (claims only).
	var mounts []sandbox.Mount
	claims := map[string]string{}
	vols, _, _ := unstructured.NestedSlice(nvj.Object, "spec", "podConfig", "volumes")
	for _, v := range vols {
		m, _ := v.(map[string]interface{})
		if claim := str(m, "persistentVolumeClaim", "claimName"); claim != "" {
			claims[str(m, "name")] = claim
		}
	}
	vms, _, _ := unstructured.NestedSlice(nvj.Object, "spec", "podConfig", "volumeMounts")
	for _, v := range vms {
		m, _ := v.(map[string]interface{})
		claim, ok := claims[str(m, "name")]
		if !ok {
			continue
		}
		dir, err := p.claimVolume(ctx, ns, claim, str(m, "subPath"))
		if err != nil {
			setValidator(func(c *ContainerState) {
				c.Waiting = &Waiting{Reason: "CreateContainerConfigError", Message: err.Error()}
			})
			return
		}
		mounts = append(mounts, sandbox.Mount{Source: dir, Target: str(m, "mountPath")})
	}
	sa, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "serviceAccountName")
	saMount, err := p.serviceAccountMount(ctx, ns, sa, dirs["serviceaccount"])
	if err != nil {
		setValidator(func(c *ContainerState) {
			c.Waiting = &Waiting{Reason: "CreateContainerConfigError", Message: err.Error()}
		})
		return
	}
	mounts = append(mounts,
		sandbox.Mount{Source: dirs["workspace"], Target: "/workspace"},
		sandbox.Mount{Source: dirs["home"], Target: "/home/jovyan"},
		sandbox.Mount{Source: dirs["tmp"], Target: "/tmp"},
		saMount,
	)
	if err := p.Sandboxes(); err != nil {
		setValidator(func(c *ContainerState) {
			c.Waiting = &Waiting{Reason: "RunContainerError", Message: cannotRun("containers", err)}
		})
		return
	}

	notebookPath := path.Join("/workspace/repo", notebook)
	if skipGitClone {
		notebookPath = path.Join("/opt/app-root/src", notebook)
	} else if !p.gitClone(ctx, e, runDir, ns, podName, gitURL, gitRef, notebook, mounts) {
		return
	}

	img, err := p.ResolveImage(ctx, ns, image)
	var ie *ImageError
	if errors.As(err, &ie) {
		reason := "RunContainerError"
		if ie.Runnable {
			reason = "ErrImagePull"
		}
		setValidator(func(c *ContainerState) { c.Waiting = &Waiting{Reason: reason, Message: ie.Message} })
		return
	}
	if err != nil {
		setValidator(func(c *ContainerState) { c.Waiting = &Waiting{Reason: "ErrImagePull", Message: err.Error()} })
		return
	}
	e.update(func(pr *ValidationProgress) { pr.Image = img.ID })
	script := filepath.Join(dirs["scripts"], "validator.py")
	raw, err := os.ReadFile(filepath.Join(p.PythonDir, "validator.py"))
	if err == nil {
		err = os.WriteFile(script, raw, 0o644)
	}
	if err != nil {
		setValidator(func(c *ContainerState) { c.Waiting = &Waiting{Reason: "RunContainerError", Message: err.Error()} })
		return
	}
	env := p.podEnv(img, "/workspace")
	env = append(env, "PYTHONUSERBASE=/workspace/.local", "PIP_USER=1", "PIP_NO_CACHE_DIR=1")
	penv, _, _ := unstructured.NestedSlice(nvj.Object, "spec", "podConfig", "env")
	for _, v := range penv {
		m, _ := v.(map[string]interface{})
		if name := str(m, "name"); name != "" {
			env = append(env, name+"="+str(m, "value"))
		}
	}
	mounts = append(mounts, sandbox.Mount{Source: dirs["scripts"], Target: "/opt/devcluster/scripts"})
	p.runContainer(ctx, runDir, ns, podName, "validator", img, env,
		[]string{"python", "/opt/devcluster/scripts/validator.py", notebookPath, "/workspace"}, mounts,
		func(c ContainerState) { setValidator(func(v *ContainerState) { *v = c }) })
}

// gitClone runs the git-clone init container; false when it failed.
func (p *Platform) gitClone(ctx context.Context, e *ValidationExecution, runDir, ns, podName, url, ref, notebook string, mounts []sandbox.Mount) bool {
	git := &Image{Kind: ImageUBI, Path: hostPath, WorkingDir: "/workspace"}
	script := fmt.Sprintf(`set -e
echo "Cloning repository (anonymous)..."
export GIT_TERMINAL_PROMPT=0
git clone --depth 1 --branch %q %q /workspace/repo
echo "Clone successful"
if [ ! -f "/workspace/repo/%s" ]; then
  echo "ERROR: Notebook not found at path: %s"
  exit 1
fi
echo "Notebook found successfully"`, ref, url, notebook, notebook)
	env := p.podEnv(git, "/workspace")
	code, _ := p.runContainer(ctx, runDir, ns, podName, "git-clone", git, env, []string{"bash", "-c", script}, mounts,
		func(c ContainerState) { e.update(func(pr *ValidationProgress) { pr.GitClone = c }) })
	return code == 0
}

// runContainer runs one container of a pod to its end, its output in the log
// store, and reports its state through set. It returns the exit code and,
// for a failure, the last lines of the log.
func (p *Platform) runContainer(ctx context.Context, runDir, ns, podName, container string, img *Image, env, args []string,
	mounts []sandbox.Mount, set func(ContainerState)) (int, string) {
	logFile, err := p.Logs.Writer(ns, "pods", podName, container)
	defer func() {
		if logFile != nil {
			logFile.Close()
		}
		_ = p.Logs.Finish(ns, "pods", podName, container)
	}()
	if err != nil {
		logFile = nil
	}
	cmd, err := p.sandboxCommand(sandbox.Spec{Args: args, Env: env, Dir: img.WorkingDir, Mounts: append(append([]sandbox.Mount{}, mounts...), img.Mounts...)}, runDir)
	if err == nil {
		if logFile != nil {
			cmd.Stdout, cmd.Stderr = logFile, logFile
		}
		err = p.start(cmd)
	}
	if err != nil {
		set(ContainerState{Waiting: &Waiting{Reason: "RunContainerError", Message: err.Error()}})
		return 128, err.Error()
	}
	started := time.Now()
	set(ContainerState{Running: true, Started: started})
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			sandbox.Kill(cmd)
		case <-done:
		}
	}()
	_ = p.wait(cmd)
	close(done)
	code := cmd.ProcessState.ExitCode()
	if code < 0 {
		code = 137
	}
	reason := "Completed"
	if code != 0 {
		reason = "Error"
	}
	set(ContainerState{Terminated: true, ExitCode: code, Reason: reason, Started: started, Finished: time.Now()})
	tail := ""
	if code != 0 {
		if raw, err := p.Logs.Read(ns, "pods", podName, container); err == nil {
			lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
			if len(lines) > 20 {
				lines = lines[len(lines)-20:]
			}
			tail = strings.Join(lines, "\n")
		}
	}
	return code, tail
}
