package execute

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/proc"
	"github.com/backstage-mlops/dev-cluster/internal/sandbox"
)

// The predictor of an InferenceService in RawDeployment mode, run the way
// KServe and OpenShift AI's runtimes run it: the ServingRuntime's
// kserve-container with its env (KServe's placeholders {{.Name}},
// {{.Labels.x}} and {{.Annotations.x}} filled in, kserve/kserve
// pkg/controller/v1beta1/inferenceservice/utils, replacePlaceholders), the
// model's env, KServe's MLServer defaults (MLSERVER_MODEL_NAME = the
// InferenceService, MLSERVER_MODEL_URI = /mnt/models,
// pkg/apis/serving/v1beta1/inference_service_defaults.go SetMlServerDefaults)
// and the storage URI's volume at /mnt/models (a pvc://<claim>/<path> is the
// claim's sub-path, pkg/webhook/admission/pod/storage_initializer_injector.go).
// MLServer (mlserver, mlserver-sklearn, mlserver-xgboost, from PyPI) runs as
// itself. OpenVINO Model Server does not install from PyPI: for it,
// python/onnx_server.py loads the model with onnxruntime and answers its
// KServe v2 endpoints, and the predictor says that the server is simulated.
// A server that exits is restarted with the kubelet's back-off (10s,
// doubling, at most 5 minutes) and shows CrashLoopBackOff meanwhile.
//
// There is no pod network: the server listens on a loopback port the
// platform picks (its port variables are set to it), and the service
// network routes the predictor's service hosts to the newest ready server.

// ServerKind is the model server a runtime runs.
type ServerKind string

const (
	// ServerMLServer is Seldon's MLServer.
	ServerMLServer ServerKind = "mlserver"
	// ServerOVMSSimulated stands in for OpenVINO Model Server.
	ServerOVMSSimulated ServerKind = "ovms-simulated"
)

// RuntimeContainer is the kserve-container of a ServingRuntime.
type RuntimeContainer struct {
	Name, Image string
	Env         []EnvVar
	Args        []string
	// FallbackToLogsOnError: a crash leaves the log's tail as termination message.
	FallbackToLogsOnError bool
}

// EnvVar is a container's environment variable.
type EnvVar struct{ Name, Value string }

// PredictorSpec is one generation of an InferenceService's predictor.
type PredictorSpec struct {
	Namespace, ISVC string
	Generation      int64
	RuntimeName     string
	// ServerType is the runtime's serving.kserve.io/server-type (or "").
	ServerType  string
	Container   RuntimeContainer
	ModelFormat string
	StorageURI  string
	ModelEnv    []EnvVar
	Labels      map[string]string
	Annotations map[string]string
}

// PredictorState is the predictor pod's kserve-container.
type PredictorState struct {
	Pod     string
	Started time.Time
	Ready   bool
	Running bool
	Waiting *Waiting
	// LastTerminated is the last exit of the server.
	LastTerminated *ContainerState
	Restarts       int
	// Simulated names what stands in for a server that does not install.
	Simulated string
	Stopped   bool
}

// Predictor is one generation's model server.
type Predictor struct {
	Spec   PredictorSpec
	cancel context.CancelFunc
	mu     sync.Mutex
	s      PredictorState
	port   int
	// metricsPort is MLServer's metrics endpoint (0: the server has none).
	metricsPort int
}

// State returns the predictor's state.
func (pr *Predictor) State() PredictorState {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	out := pr.s
	if pr.s.LastTerminated != nil {
		lt := *pr.s.LastTerminated
		out.LastTerminated = &lt
	}
	return out
}

func (pr *Predictor) update(f func(s *PredictorState)) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	f(&pr.s)
}

// ServerKindOf says which server a runtime container runs, or "" when the
// dev cluster runs none for it.
func ServerKindOf(runtimeName, serverType string, c RuntimeContainer, format string) ServerKind {
	mlserver := serverType == "mlserver" || strings.Contains(c.Image, "mlserver") || strings.Contains(runtimeName, "mlserver")
	for _, e := range c.Env {
		if strings.HasPrefix(e.Name, "MLSERVER_") {
			mlserver = true
		}
	}
	switch {
	case mlserver:
		return ServerMLServer
	case (strings.Contains(c.Image, "openvino_model_server") || strings.Contains(runtimeName, "ovms")) && format == "onnx":
		return ServerOVMSSimulated
	}
	return ""
}

// Predictors returns the predictors of an InferenceService, oldest first.
func (p *Platform) Predictors(ns, isvc string) []*Predictor {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []*Predictor
	for _, pr := range p.predictors {
		if pr.Spec.Namespace == ns && pr.Spec.ISVC == isvc {
			out = append(out, pr)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Spec.Generation < out[j].Spec.Generation })
	return out
}

// Predictor returns the predictor of one generation, if started.
func (p *Platform) Predictor(ns, isvc string, generation int64) *Predictor {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.predictors[fmt.Sprintf("%s/%s/%d", ns, isvc, generation)]
}

// StartPredictor starts a generation's model server in pod podName.
func (p *Platform) StartPredictor(spec PredictorSpec, podName string) *Predictor {
	id := fmt.Sprintf("%s/%s/%d", spec.Namespace, spec.ISVC, spec.Generation)
	p.mu.Lock()
	if pr, ok := p.predictors[id]; ok {
		p.mu.Unlock()
		return pr
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr := &Predictor{Spec: spec, cancel: cancel}
	pr.s = PredictorState{Pod: podName, Waiting: &Waiting{Reason: "ContainerCreating"}}
	p.predictors[id] = pr
	p.mu.Unlock()
	go p.runPredictor(ctx, pr)
	return pr
}

// StopPredictor ends a generation's server (its pod is deleted).
func (p *Platform) StopPredictor(pr *Predictor) {
	pr.cancel()
	pr.update(func(s *PredictorState) { s.Stopped, s.Ready = true, false })
	p.mu.Lock()
	delete(p.predictors, fmt.Sprintf("%s/%s/%d", pr.Spec.Namespace, pr.Spec.ISVC, pr.Spec.Generation))
	p.mu.Unlock()
	p.route(pr.Spec.Namespace, pr.Spec.ISVC)
	p.writeScrapeTargets()
}

// route points the predictor's service hosts at the newest ready server.
func (p *Platform) route(ns, isvc string) {
	hosts := append(ServiceHosts(isvc+"-predictor", ns), fmt.Sprintf("%s-%s.apps.dev.local", isvc, ns), fmt.Sprintf("%s-predictor-%s.apps.dev.local", isvc, ns))
	backend := ""
	for _, pr := range p.Predictors(ns, isvc) {
		pr.mu.Lock()
		if pr.s.Ready && !pr.s.Stopped {
			backend = fmt.Sprintf("127.0.0.1:%d", pr.port)
		}
		pr.mu.Unlock()
	}
	p.Services.Set(hosts, backend)
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(Name|Namespace|Labels\.([A-Za-z0-9_./-]+)|Annotations\.([A-Za-z0-9_./-]+))\s*\}\}`)

// fill replaces KServe's runtime placeholders.
func (spec PredictorSpec) fill(s string) string {
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		g := placeholder.FindStringSubmatch(m)
		switch {
		case g[1] == "Name":
			return spec.ISVC
		case g[1] == "Namespace":
			return spec.Namespace
		case g[2] != "":
			return spec.Labels[g[2]]
		default:
			return spec.Annotations[g[3]]
		}
	})
}

func (p *Platform) runPredictor(ctx context.Context, pr *Predictor) {
	spec := pr.Spec
	waiting := func(reason, message string) {
		pr.update(func(s *PredictorState) {
			s.Waiting, s.Running, s.Ready = &Waiting{Reason: reason, Message: message}, false, false
		})
	}
	kind := ServerKindOf(spec.RuntimeName, spec.ServerType, spec.Container, spec.ModelFormat)
	if kind == "" {
		waiting("CreateContainerError", fmt.Sprintf("the dev cluster does not run the server of ServingRuntime %s (image %s): it runs MLServer, and stands in for OpenVINO Model Server with onnxruntime for onnx models", spec.RuntimeName, spec.Container.Image))
		return
	}
	claim, sub, _ := strings.Cut(strings.TrimPrefix(spec.StorageURI, "pvc://"), "/")
	if !strings.HasPrefix(spec.StorageURI, "pvc://") || claim == "" {
		waiting("CreateContainerConfigError", fmt.Sprintf("the dev cluster's storage initializer reads pvc://<claim>/<path> only, not %q", spec.StorageURI))
		return
	}
	models, err := p.claimVolume(ctx, spec.Namespace, claim, sub)
	if err != nil {
		waiting("ContainerCreating", err.Error())
		return
	}
	if err := p.Sandboxes(); err != nil {
		waiting("CreateContainerError", cannotRun("model servers", err))
		return
	}
	python, err := p.ServingPython(ctx)
	if err != nil {
		waiting("ErrImagePull", fmt.Sprintf("the model server's Python environment could not be installed: %v", err))
		return
	}
	ports, err := proc.FreePorts(3)
	if err != nil {
		waiting("CreateContainerError", err.Error())
		return
	}
	pr.mu.Lock()
	pr.port = ports[0]
	pr.mu.Unlock()

	env := []string{}
	set := map[string]bool{}
	add := func(name, value string) {
		if !set[name] {
			env = append(env, name+"="+value)
			set[name] = true
		}
	}
	// The platform's own values first: a pod-network port becomes a loopback one.
	var args []string
	runDir := p.dir("runs", spec.Namespace, fmt.Sprintf("%s-predictor-%d", spec.ISVC, spec.Generation))
	_ = os.MkdirAll(filepath.Join(runDir, "tmp"), 0o777)
	mounts := []sandbox.Mount{{Source: models, Target: "/mnt/models"}, {Source: filepath.Join(runDir, "tmp"), Target: "/tmp"}}
	img := &Image{Kind: ImageBuilt, Path: filepath.Join(python, "bin") + ":" + hostPath, WorkingDir: "/"}
	switch kind {
	case ServerMLServer:
		add("MLSERVER_HTTP_PORT", fmt.Sprint(ports[0]))
		add("MLSERVER_GRPC_PORT", fmt.Sprint(ports[1]))
		add("MLSERVER_METRICS_PORT", fmt.Sprint(ports[2]))
		pr.mu.Lock()
		pr.metricsPort = ports[2]
		pr.mu.Unlock()
		p.writeScrapeTargets()
		add("MLSERVER_HOST", "127.0.0.1")
		// Inference in the server's own process: one worker process less per model.
		add("MLSERVER_PARALLEL_WORKERS", "0")
		for _, e := range append(append([]EnvVar{}, spec.ModelEnv...), spec.Container.Env...) {
			add(e.Name, spec.fill(e.Value))
		}
		add("MLSERVER_MODEL_NAME", spec.ISVC)
		add("MLSERVER_MODEL_URI", "/mnt/models")
		dir := "/mnt/models"
		for _, kv := range env {
			if strings.HasPrefix(kv, "MLSERVER_MODELS_DIR=") {
				dir = strings.TrimPrefix(kv, "MLSERVER_MODELS_DIR=")
			}
		}
		args = []string{"mlserver", "start", dir}
	case ServerOVMSSimulated:
		script := filepath.Join(runDir, "server")
		_ = os.MkdirAll(script, 0o755)
		raw, err := os.ReadFile(filepath.Join(p.PythonDir, "onnx_server.py"))
		if err == nil {
			err = os.WriteFile(filepath.Join(script, "onnx_server.py"), raw, 0o644)
		}
		if err != nil {
			waiting("CreateContainerError", err.Error())
			return
		}
		mounts = append(mounts, sandbox.Mount{Source: script, Target: "/opt/devcluster/scripts"})
		for _, e := range append(append([]EnvVar{}, spec.ModelEnv...), spec.Container.Env...) {
			add(e.Name, spec.fill(e.Value))
		}
		args = []string{"python", "/opt/devcluster/scripts/onnx_server.py"}
		for _, a := range spec.Container.Args {
			a = spec.fill(a)
			if strings.HasPrefix(a, "--rest_port=") || strings.HasPrefix(a, "--port=") {
				continue
			}
			args = append(args, a)
		}
		args = append(args, fmt.Sprintf("--rest_port=%d", ports[0]))
		pr.update(func(s *PredictorState) {
			s.Simulated = "OpenVINO Model Server is simulated by the dev cluster: onnxruntime loads the model and serves its KServe v2 endpoints"
		})
	}
	env = append(p.podEnv(img, "/tmp"), env...)

	backoff := 10 * time.Second
	for restart := 0; ; restart++ {
		if ctx.Err() != nil {
			return
		}
		code, tail, started, ok := p.serve(ctx, pr, runDir, img, env, args, mounts, kind)
		if !ok || ctx.Err() != nil {
			return
		}
		reason := "Completed"
		if code != 0 {
			reason = "Error"
		}
		last := &ContainerState{Terminated: true, ExitCode: code, Reason: reason, Started: started, Finished: time.Now()}
		if code != 0 && spec.Container.FallbackToLogsOnError {
			last.Message = tail
		}
		pr.update(func(s *PredictorState) {
			s.Ready, s.Running, s.LastTerminated, s.Restarts = false, false, last, restart+1
			s.Waiting = &Waiting{Reason: "CrashLoopBackOff", Message: fmt.Sprintf("back-off %s restarting failed container=kserve-container pod=%s", backoff, pr.s.Pod)}
		})
		p.route(spec.Namespace, spec.ISVC)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		if backoff *= 2; backoff > 5*time.Minute {
			backoff = 5 * time.Minute
		}
	}
}

// serve runs the server once, marks it ready when its model answers ready,
// and returns when it exits (ok false: it could not start).
func (p *Platform) serve(ctx context.Context, pr *Predictor, runDir string, img *Image, env, args []string, mounts []sandbox.Mount, kind ServerKind) (int, string, time.Time, bool) {
	spec := pr.Spec
	podName := pr.State().Pod
	logFile, _ := p.Logs.Writer(spec.Namespace, "pods", podName, "kserve-container")
	if logFile != nil {
		defer logFile.Close()
	}
	cmd, err := p.sandboxCommand(sandbox.Spec{Args: args, Env: env, Dir: "/", Mounts: mounts}, runDir)
	if err == nil {
		if logFile != nil {
			cmd.Stdout, cmd.Stderr = logFile, logFile
		}
		err = p.start(cmd)
	}
	if err != nil {
		pr.update(func(s *PredictorState) { s.Waiting = &Waiting{Reason: "RunContainerError", Message: err.Error()} })
		return 0, "", time.Time{}, false
	}
	started := time.Now()
	pr.update(func(s *PredictorState) { s.Waiting, s.Running, s.Started = nil, true, started })
	exited := make(chan struct{})
	go func() {
		_ = p.wait(cmd)
		close(exited)
	}()
	port := pr.port
	ready := fmt.Sprintf("http://127.0.0.1:%d/v2/models/%s/ready", port, spec.ISVC)
	if kind == ServerMLServer {
		for _, kv := range env {
			if strings.HasPrefix(kv, "MLSERVER_MODEL_NAME=") {
				ready = fmt.Sprintf("http://127.0.0.1:%d/v2/models/%s/ready", port, strings.TrimPrefix(kv, "MLSERVER_MODEL_NAME="))
			}
		}
	}
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			sandbox.Kill(cmd)
			<-exited
			return 0, "", started, false
		case <-exited:
			code := cmd.ProcessState.ExitCode()
			if code < 0 {
				code = 137
			}
			tail := ""
			if raw, err := p.Logs.Read(spec.Namespace, "pods", podName, "kserve-container"); err == nil {
				if len(raw) > 2048 {
					raw = raw[len(raw)-2048:]
				}
				tail = strings.TrimSpace(string(raw))
			}
			return code, tail, started, true
		case <-tick.C:
			if pr.State().Ready {
				continue
			}
			resp, err := client.Get(ready)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					pr.update(func(s *PredictorState) { s.Ready = true })
					p.route(spec.Namespace, spec.ISVC)
				}
			}
		}
	}
}
