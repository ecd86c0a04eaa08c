package execute

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"path"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Tekton's variable substitution in a TaskRun's steps, after
// tektoncd/pipeline pkg/reconciler/taskrun/resources/apply.go (ApplyParameters
// with the Task's defaults, ApplyContexts, ApplyWorkspaces, ApplyResults,
// ApplyStepExitCodePath, ApplyCredentialsPath, applied in that order) and
// pkg/substitution (a reference is replaced as the exact text "$(<key>)";
// a whole argument "$(params.x[*])" becomes the array's elements). What no
// pass knows stays as it is: bash then runs e.g. $(context.pipelineRun.name)
// as a command, as it does on a cluster (docs/variables.md lists that
// variable for Pipelines only).

// Tekton's paths inside a step (pkg/apis/pipeline/paths.go).
const (
	workspaceDir  = "/workspace"
	resultsDir    = "/tekton/results"
	homeDir       = "/tekton/home"
	credsDir      = "/tekton/creds"
	stepsDir      = "/tekton/steps"
	scriptsDir    = "/tekton/scripts"
	scriptPrelude = "#!/bin/sh\nset -e\n" // pkg/pod/script.go defaultScriptPreamble
)

// replacements are the variables of one pass: strings, arrays (for "[*]") and objects.
type replacements struct {
	str map[string]string
	arr map[string][]string
}

func newReplacements() *replacements {
	return &replacements{str: map[string]string{}, arr: map[string][]string{}}
}

// apply replaces every "$(key)" of the pass in s, in one scan as
// pkg/substitution/substitution.go ApplyReplacements does with a
// strings.Replacer: a value put in is not scanned again in the same pass, so a
// param value that holds "$(params.other)" stays that text.
func (r *replacements) apply(s string) string {
	if !strings.Contains(s, "$(") {
		return s
	}
	keys := make([]string, 0, len(r.str))
	for k := range r.str {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, "$("+k+")", r.str[k])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// applyArgs substitutes a command or args list: an element that is exactly
// "$(<array>[*])" expands to the array's elements.
func (r *replacements) applyArgs(args []string) []string {
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "$(") && strings.HasSuffix(a, "[*])") {
			if vals, ok := r.arr[strings.TrimSuffix(strings.TrimPrefix(a, "$("), "[*])")]; ok {
				out = append(out, vals...)
				continue
			}
		}
		out = append(out, r.apply(a))
	}
	return out
}

// paramKeys are the three spellings of a param reference (apply.go paramPatterns).
func paramKeys(name string) []string {
	return []string{"params." + name, fmt.Sprintf("params[%q]", name), "params['" + name + "']"}
}

// paramReplacements: the TaskRun's param values over the Task's defaults.
func paramReplacements(taskSpec map[string]interface{}, tr *unstructured.Unstructured) *replacements {
	r := newReplacements()
	set := func(name string, value interface{}) {
		for _, k := range paramKeys(name) {
			switch v := value.(type) {
			case string:
				r.str[k] = v
			case []interface{}:
				var vals []string
				for i, x := range v {
					s := fmt.Sprint(x)
					vals = append(vals, s)
					r.str[fmt.Sprintf("%s[%d]", k, i)] = s
				}
				r.arr[k] = vals
			case map[string]interface{}:
				for ok, ov := range v {
					r.str[k+"."+ok] = fmt.Sprint(ov)
				}
			}
		}
	}
	declared, _ := taskSpec["params"].([]interface{})
	for _, d := range declared {
		m, _ := d.(map[string]interface{})
		name, _ := m["name"].(string)
		if def, ok := m["default"]; ok && name != "" {
			set(name, def)
		}
	}
	given, _, _ := unstructured.NestedSlice(tr.Object, "spec", "params")
	for _, g := range given {
		m, _ := g.(map[string]interface{})
		if name, _ := m["name"].(string); name != "" {
			set(name, m["value"])
		}
	}
	return r
}

// contextReplacements are apply.go getContextReplacements.
func contextReplacements(tr *unstructured.Unstructured, taskName string, retryCount int) *replacements {
	r := newReplacements()
	r.str["context.taskRun.name"] = tr.GetName()
	r.str["context.task.name"] = taskName
	r.str["context.taskRun.namespace"] = tr.GetNamespace()
	r.str["context.taskRun.uid"] = string(tr.GetUID())
	r.str["context.task.retry-count"] = fmt.Sprint(retryCount)
	return r
}

// Workspace is a workspace of a Task bound for one TaskRun.
type Workspace struct {
	Name      string
	MountPath string // the declaration's, or /workspace/<name>
	Claim     string // a PersistentVolumeClaim, or "" (emptyDir)
	SubPath   string
	Bound     bool
	ReadOnly  bool
}

// taskWorkspaces pairs a Task's workspace declarations with the TaskRun's bindings.
func taskWorkspaces(taskSpec map[string]interface{}, tr *unstructured.Unstructured) ([]Workspace, error) {
	bindings := map[string]map[string]interface{}{}
	given, _, _ := unstructured.NestedSlice(tr.Object, "spec", "workspaces")
	for _, g := range given {
		m, _ := g.(map[string]interface{})
		if name, _ := m["name"].(string); name != "" {
			bindings[name] = m
		}
	}
	declared, _ := taskSpec["workspaces"].([]interface{})
	var out []Workspace
	for _, d := range declared {
		m, _ := d.(map[string]interface{})
		w := Workspace{Name: str(m, "name"), MountPath: str(m, "mountPath")}
		if w.MountPath == "" {
			w.MountPath = path.Join(workspaceDir, w.Name)
		}
		w.ReadOnly, _ = m["readOnly"].(bool)
		optional, _ := m["optional"].(bool)
		b, ok := bindings[w.Name]
		if !ok {
			if optional {
				out = append(out, w)
				continue
			}
			// pkg/workspace/validate.go ValidateBindings, wrapped as a user error.
			return nil, fmt.Errorf("[User error] declared workspace %q is required but has not been bound", w.Name)
		}
		w.Bound = true
		w.Claim, _, _ = unstructured.NestedString(b, "persistentVolumeClaim", "claimName")
		w.SubPath, _ = b["subPath"].(string)
		out = append(out, w)
	}
	return out, nil
}

// workspaceReplacements are apply.go ApplyWorkspaces.
func workspaceReplacements(ws []Workspace) *replacements {
	r := newReplacements()
	for _, w := range ws {
		prefix := "workspaces." + w.Name + "."
		if !w.Bound {
			r.str[prefix+"bound"] = "false"
			r.str[prefix+"path"] = ""
			continue
		}
		r.str[prefix+"bound"] = "true"
		r.str[prefix+"path"] = w.MountPath
		r.str[prefix+"claim"] = w.Claim
		h := fnv.New32a()
		h.Write([]byte(w.Name))
		r.str[prefix+"volume"] = fmt.Sprintf("ws-%08x", h.Sum32())[:8]
	}
	return r
}

// resultReplacements are apply.go getTaskResultReplacements.
func resultReplacements(taskSpec map[string]interface{}) *replacements {
	r := newReplacements()
	for _, res := range declaredResults(taskSpec) {
		r.str["results."+res.Name+".path"] = path.Join(resultsDir, res.Name)
		r.str[fmt.Sprintf("results[%q].path", res.Name)] = path.Join(resultsDir, res.Name)
		r.str["results['"+res.Name+"'].path"] = path.Join(resultsDir, res.Name)
	}
	return r
}

// stepExitCodeReplacements are apply.go ApplyStepExitCodePath.
func stepExitCodeReplacements(steps []StepSpec) *replacements {
	r := newReplacements()
	for _, s := range steps {
		r.str["steps."+s.Container+".exitCode.path"] = path.Join(stepsDir, s.Container, "exitCode")
	}
	return r
}

// ResultSpec is a declared Task result.
type ResultSpec struct{ Name, Type string }

func declaredResults(taskSpec map[string]interface{}) []ResultSpec {
	var out []ResultSpec
	results, _ := taskSpec["results"].([]interface{})
	for _, r := range results {
		m, _ := r.(map[string]interface{})
		if name := str(m, "name"); name != "" {
			t := str(m, "type")
			if t == "" {
				t = "string"
			}
			out = append(out, ResultSpec{Name: name, Type: t})
		}
	}
	return out
}

// StepSpec is a step of a Task, after substitution.
type StepSpec struct {
	Name, Container string
	Image           string
	Script          string
	Command, Args   []string
	Env             []string
	WorkingDir      string
	OnError         string
	Timeout         string
}

// substitutedSteps are a TaskRun's steps after Tekton's passes, in
// ApplyParameters, ApplyContexts, ApplyWorkspaces, ApplyResults order (then
// ApplyStepExitCodePath and ApplyCredentialsPath).
func substitutedSteps(taskSpec map[string]interface{}, tr *unstructured.Unstructured, taskName string, ws []Workspace, attempt int) []StepSpec {
	passes := []*replacements{paramReplacements(taskSpec, tr), contextReplacements(tr, taskName, attempt), workspaceReplacements(ws), resultReplacements(taskSpec)}
	return taskSteps(taskSpec, passes)
}

// taskSteps reads a Task's steps (and its stepTemplate's env) and applies
// every substitution pass to them: image, script, workingDir, command, args,
// env values and onError (tektoncd/pipeline pkg/container/step_replacements.go
// ApplyStepReplacements). A param in an env value reaches the process as data,
// which is how Tekton's docs/tasks.md ("Substituting in Script blocks") says
// to keep a value out of a script's code.
func taskSteps(taskSpec map[string]interface{}, passes []*replacements) []StepSpec {
	raw, _ := taskSpec["steps"].([]interface{})
	var templateEnv []interface{}
	if tmpl, ok := taskSpec["stepTemplate"].(map[string]interface{}); ok {
		templateEnv, _ = tmpl["env"].([]interface{})
	}
	var steps []StepSpec
	for i, s := range raw {
		m, _ := s.(map[string]interface{})
		st := StepSpec{Name: str(m, "name"), Image: str(m, "image"), Script: str(m, "script"), WorkingDir: str(m, "workingDir"),
			OnError: str(m, "onError"), Timeout: str(m, "timeout")}
		if st.Name == "" {
			st.Name = fmt.Sprintf("unnamed-%d", i)
		}
		st.Container = "step-" + st.Name
		st.Command = strs(m["command"])
		st.Args = strs(m["args"])
		for _, e := range append(append([]interface{}{}, templateEnv...), asSlice(m["env"])...) {
			em, _ := e.(map[string]interface{})
			if name := str(em, "name"); name != "" {
				st.Env = append(st.Env, name+"="+str(em, "value"))
			}
		}
		steps = append(steps, st)
	}
	exitCodes := stepExitCodeReplacements(steps)
	for _, pass := range append(passes, exitCodes, credentialsReplacements()) {
		for i := range steps {
			s := &steps[i]
			s.Image = pass.apply(s.Image)
			s.Script = pass.apply(s.Script)
			s.WorkingDir = pass.apply(s.WorkingDir)
			s.Command = pass.applyArgs(s.Command)
			s.Args = pass.applyArgs(s.Args)
			// Only an env var's value, as pkg/container/container_replacements.go
			// (applyContainerReplacements) does: the name stays as written.
			for j, kv := range s.Env {
				name, value, _ := strings.Cut(kv, "=")
				s.Env[j] = name + "=" + pass.apply(value)
			}
			s.OnError = pass.apply(s.OnError)
		}
	}
	return steps
}

func credentialsReplacements() *replacements {
	r := newReplacements()
	r.str["credentials.path"] = credsDir
	return r
}

func strs(v interface{}) []string {
	var out []string
	for _, x := range asSlice(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asSlice(v interface{}) []interface{} {
	s, _ := v.([]interface{})
	return s
}

func str(m map[string]interface{}, keys ...string) string {
	s, _, _ := unstructured.NestedString(m, keys...)
	return s
}

// resultValue converts a result file's content as Tekton's filterResults does
// (pkg/pod/status.go): a string result is the file's raw content; an array or
// object result must be JSON of that type.
func resultValue(typ, raw string) (interface{}, bool) {
	if typ == "string" || typ == "" {
		return raw, true
	}
	var v interface{}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return nil, false
	}
	switch v.(type) {
	case []interface{}:
		return v, typ == "array"
	case map[string]interface{}:
		return v, typ == "object"
	}
	return nil, false
}
