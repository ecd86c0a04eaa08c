package admission

import (
	"fmt"
	"sort"
	"strings"
)

// FieldError is one problem, as knative's apis.FieldError prints it: the
// message, then the path of the field.
type FieldError struct {
	Message string
	Path    string
}

func (e FieldError) String() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Message + ": " + e.Path
}

// Errors formats problems the way the webhook reports them: sorted, one per line.
func Errors(errs []FieldError) string {
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		lines = append(lines, e.String())
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

type obj = map[string]interface{}

// v1beta1Only are the fields of tekton.dev/v1beta1 that tekton.dev/v1 does not
// have, per object part, with what v1 uses instead
// (tektoncd/pipeline docs/migrating-v1beta1-to-v1.md).
var (
	v1beta1OnlyPipelineRun = map[string]string{
		"timeout":             "in tekton.dev/v1 use spec.timeouts.pipeline",
		"serviceAccountName":  "in tekton.dev/v1 use spec.taskRunTemplate.serviceAccountName",
		"serviceAccountNames": "in tekton.dev/v1 use spec.taskRunSpecs[].serviceAccountName",
		"podTemplate":         "in tekton.dev/v1 use spec.taskRunTemplate.podTemplate",
		"resources":           "PipelineResources were removed in tekton.dev/v1",
	}
	v1beta1OnlyTaskRunSpecs = map[string]string{
		"taskServiceAccountName": "in tekton.dev/v1 use serviceAccountName",
		"taskPodTemplate":        "in tekton.dev/v1 use podTemplate",
		"stepOverrides":          "in tekton.dev/v1 use stepSpecs",
		"sidecarOverrides":       "in tekton.dev/v1 use sidecarSpecs",
	}
	v1beta1OnlyTaskRun = map[string]string{
		"resources":        "PipelineResources were removed in tekton.dev/v1",
		"stepOverrides":    "in tekton.dev/v1 use spec.stepSpecs",
		"sidecarOverrides": "in tekton.dev/v1 use spec.sidecarSpecs",
	}
	v1beta1OnlySpec      = map[string]string{"resources": "PipelineResources were removed in tekton.dev/v1"}
	v1beta1OnlyContainer = map[string]string{"resources": "in tekton.dev/v1 use computeResources"}
	v1beta1OnlyRef       = map[string]string{"bundle": "in tekton.dev/v1 use the bundles resolver (resolver: bundles)"}
	v1beta1OnlyPipelineT = map[string]string{"resources": "PipelineResources were removed in tekton.dev/v1"}
)

// validator collects the problems of one object.
type validator struct {
	flags FeatureFlags
	errs  []FieldError
}

func (v *validator) add(path, format string, args ...interface{}) {
	v.errs = append(v.errs, FieldError{Message: fmt.Sprintf(format, args...), Path: path})
}

// unknownFields refuses the v1beta1-only keys of m as knative's decoder refuses
// an unknown field, with what v1 uses instead.
func (v *validator) unknownFields(m obj, path string, only map[string]string) {
	keys := make([]string, 0, len(only))
	for k := range only {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := m[k]; ok {
			v.add(join(path, k), "cannot decode incoming new object: json: unknown field %q (%s)", k, only[k])
		}
	}
}

// Validate checks one tekton.dev/v1 object of the given kind (Pipeline, Task,
// PipelineRun, TaskRun); it returns nothing for other kinds.
func Validate(kind string, object obj, flags FeatureFlags) []FieldError {
	v := &validator{flags: flags}
	spec, _ := object["spec"].(obj)
	if spec == nil {
		return nil
	}
	switch kind {
	case "Pipeline":
		v.pipelineSpec(spec, "spec")
	case "Task":
		v.taskSpec(spec, "spec")
		v.declaredParamsUsed(spec, "spec")
	case "PipelineRun":
		v.unknownFields(spec, "spec", v1beta1OnlyPipelineRun)
		for i, s := range list(spec["taskRunSpecs"]) {
			v.unknownFields(asObj(s), fmt.Sprintf("spec.taskRunSpecs[%d]", i), v1beta1OnlyTaskRunSpecs)
		}
		if ref := asObj(spec["pipelineRef"]); ref != nil {
			v.unknownFields(ref, "spec.pipelineRef", v1beta1OnlyRef)
		}
		if ps := asObj(spec["pipelineSpec"]); ps != nil {
			v.pipelineSpec(ps, "spec.pipelineSpec")
		}
	case "TaskRun":
		v.unknownFields(spec, "spec", v1beta1OnlyTaskRun)
		if ref := asObj(spec["taskRef"]); ref != nil {
			v.unknownFields(ref, "spec.taskRef", v1beta1OnlyRef)
		}
		if ts := asObj(spec["taskSpec"]); ts != nil {
			v.taskSpec(ts, "spec.taskSpec")
		}
	}
	return v.errs
}

// paramEnums gates `enum` on params (param_types.go, validateParamEnums): the
// feature flag, a string type, and a default that is one of the values.
func (v *validator) paramEnums(params []interface{}, path string) {
	for _, p := range params {
		param := asObj(p)
		enum := list(param["enum"])
		if len(enum) == 0 {
			continue
		}
		at := fmt.Sprintf("%s.params[%s]", path, str(param["name"]))
		if !v.flags.ParamEnum {
			v.add(at, "feature flag `%s` should be set to true to use Enum", FlagParamEnum)
		}
		if t := str(param["type"]); t != "" && t != "string" {
			v.add(at, "enum can only be set with string type param")
		}
		if def, ok := param["default"].(string); ok && def != "" && !containsString(enum, def) {
			v.add(at, "param default value %s not in the enum list", def)
		}
	}
}

func (v *validator) pipelineSpec(spec obj, path string) {
	v.unknownFields(spec, path, v1beta1OnlySpec)
	params := list(spec["params"])
	v.paramEnums(params, path)
	declared := map[string]bool{}
	for _, p := range params {
		declared[str(asObj(p)["name"])] = true
	}
	for _, section := range []string{"tasks", "finally"} {
		for i, t := range list(spec[section]) {
			task := asObj(t)
			at := fmt.Sprintf("%s.%s[%d]", path, section, i)
			v.unknownFields(task, at, v1beta1OnlyPipelineT)
			if ref := asObj(task["taskRef"]); ref != nil {
				v.unknownFields(ref, at+".taskRef", v1beta1OnlyRef)
			}
			if ts := asObj(task["taskSpec"]); ts != nil {
				v.taskSpec(ts, at+".taskSpec")
			}
			for _, p := range list(task["params"]) {
				param := asObj(p)
				for _, s := range stringValues(param["value"]) {
					v.pipelineVariables(s, fmt.Sprintf("%s.params[%s].value", at, str(param["name"])), declared)
				}
			}
			for j, w := range list(task["when"]) {
				when := asObj(w)
				wat := fmt.Sprintf("%s.when[%d]", at, j)
				if cel := str(when["cel"]); cel != "" && !v.flags.CELInWhen {
					v.add(wat, "feature flag %s should be set to true to use CEL: %s in WhenExpression", FlagCELInWhen, cel)
				}
				for _, s := range append(stringValues(when["input"]), stringValues(when["values"])...) {
					v.pipelineVariables(s, wat, declared)
				}
			}
		}
	}
}

// pipelineVariables checks one string of a pipeline task: declared params,
// known context variables.
func (v *validator) pipelineVariables(s, path string, declared map[string]bool) {
	if name := unknownReference(s, paramsRef, declared, true); name != "" {
		v.add(path, "non-existent variable in %q", s)
	}
	if unknownReference(s, contextPipelineRun, pipelineRunContextNames, false) != "" ||
		unknownReference(s, contextPipelineRef, pipelineContextNames, false) != "" ||
		unknownReference(s, contextPipelineTsk, pipelineTaskContextName, false) != "" {
		v.add(path, "non-existent variable in %q", s)
	}
}

// taskSpec checks a Task's spec, created directly or embedded.
func (v *validator) taskSpec(spec obj, path string) {
	v.unknownFields(spec, path, v1beta1OnlySpec)
	v.paramEnums(list(spec["params"]), path)
	if tmpl := asObj(spec["stepTemplate"]); tmpl != nil {
		v.unknownFields(tmpl, path+".stepTemplate", v1beta1OnlyContainer)
	}
	for i, s := range list(spec["sidecars"]) {
		v.unknownFields(asObj(s), fmt.Sprintf("%s.sidecars[%d]", path, i), v1beta1OnlyContainer)
	}
	results := map[string]bool{}
	for _, r := range list(spec["results"]) {
		results[str(asObj(r)["name"])] = true
	}
	for i, s := range list(spec["steps"]) {
		step := asObj(s)
		at := fmt.Sprintf("%s.steps[%d]", path, i)
		v.unknownFields(step, at, v1beta1OnlyContainer)
		for field, values := range stepStrings(step) {
			for _, value := range values {
				if unknownReference(value, contextTaskRunRef, taskRunContextNames, false) != "" ||
					unknownReference(value, contextTaskRef, taskContextNames, false) != "" {
					v.add(at+"."+field, "non-existent variable in %q", value)
				}
			}
		}
		if script := str(step["script"]); script != "" {
			if name := unknownReference(script, resultsRef, results, false); name != "" {
				v.add(at+".script", "non-existent variable in %q", script)
			}
		}
	}
}

// declaredParamsUsed: a Task created directly may reference only the params it
// declares (task_validation.go, ValidateUsageOfDeclaredParameters).
func (v *validator) declaredParamsUsed(spec obj, path string) {
	declared := map[string]bool{}
	for _, p := range list(spec["params"]) {
		declared[str(asObj(p)["name"])] = true
	}
	for i, s := range list(spec["steps"]) {
		at := fmt.Sprintf("%s.steps[%d]", path, i)
		for field, values := range stepStrings(asObj(s)) {
			for _, value := range values {
				if unknownReference(value, paramsRef, declared, true) != "" {
					v.add(at+"."+field, "non-existent variable in %q", value)
				}
			}
		}
	}
}

// stepStrings are the fields of a step where upstream validates variables:
// name, image, workingDir, script, command, args, env values and volume mounts.
func stepStrings(step obj) map[string][]string {
	out := map[string][]string{}
	for _, f := range []string{"name", "image", "workingDir", "script"} {
		if s := str(step[f]); s != "" {
			out[f] = []string{s}
		}
	}
	for _, f := range []string{"command", "args"} {
		if ss := stringValues(step[f]); len(ss) > 0 {
			out[f] = ss
		}
	}
	for _, e := range list(step["env"]) {
		env := asObj(e)
		if s := str(env["value"]); s != "" {
			out[fmt.Sprintf("env[%s]", str(env["name"]))] = []string{s}
		}
	}
	for i, m := range list(step["volumeMounts"]) {
		mount := asObj(m)
		for _, f := range []string{"name", "mountPath", "subPath"} {
			if s := str(mount[f]); s != "" {
				out[fmt.Sprintf("volumeMount[%d].%s", i, f)] = []string{s}
			}
		}
	}
	return out
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func asObj(v interface{}) obj {
	m, _ := v.(obj)
	return m
}

func list(v interface{}) []interface{} {
	l, _ := v.([]interface{})
	return l
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

// stringValues returns a string, or the strings of an array or object (a param
// value may be any of the three).
func stringValues(v interface{}) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []interface{}:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case obj:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func containsString(values []interface{}, s string) bool {
	for _, v := range values {
		if v == s {
			return true
		}
	}
	return false
}
