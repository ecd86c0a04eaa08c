package sim

import (
	"regexp"
	"sort"
	"strings"
)

// When expressions and variable substitution as Tekton evaluates them
// (tektoncd/pipeline: pkg/apis/pipeline/v1/when_types.go, pkg/substitution,
// pkg/reconciler/pipelinerun/resources/apply.go): $(params.x) (string),
// $(params.x[*]) (array, expanded into values), $(tasks.t.results.r); in/notin.

// RunValues are the values a run's expressions can refer to.
type RunValues struct {
	Params      map[string]string
	ArrayParams map[string][]string
	// Results of finished tasks: task -> result -> value.
	Results map[string]map[string]string
	// Statuses of the DAG tasks for finally tasks: $(tasks.<t>.status) and
	// $(tasks.status).
	TaskStatus map[string]string
	// Context holds the run's context variables (context.pipelineRun.name, ...).
	Context map[string]string
}

var resultRef = regexp.MustCompile(`\$\(tasks\.([a-z0-9-]+)\.results\.([A-Za-z0-9_.-]+)\)`)

// ResultRefs lists the tasks whose results a string refers to.
func ResultRefs(s string) []string {
	var out []string
	for _, m := range resultRef.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// Substitute replaces the references of s it can resolve; ok is false when
// a task result it refers to does not exist.
// Each kind is one pass in one scan (pkg/substitution/substitution.go
// ApplyReplacements, a strings.Replacer): a value put in is not substituted
// again in its pass, so a param value holding "$(params.other)" stays that text.
func (v RunValues) Substitute(s string) (string, bool) {
	ok := true
	s = replaceAll(s, "params.", v.Params)
	s = replaceAll(s, "", v.TaskStatus)
	s = replaceAll(s, "", v.Context)
	s = resultRef.ReplaceAllStringFunc(s, func(ref string) string {
		m := resultRef.FindStringSubmatch(ref)
		if val, found := v.Results[m[1]][m[2]]; found {
			return val
		}
		ok = false
		return ref
	})
	return s, ok
}

// whenValues expands the values of a when expression: an array param
// reference $(params.x[*]) becomes its items.
func (v RunValues) whenValues(values []interface{}) ([]string, bool) {
	var out []string
	ok := true
	for _, raw := range values {
		s, _ := raw.(string)
		trimmed := strings.TrimSpace(s)
		if strings.HasPrefix(trimmed, "$(params.") && strings.HasSuffix(trimmed, "[*])") {
			name := strings.TrimSuffix(strings.TrimPrefix(trimmed, "$(params."), "[*])")
			if items, found := v.ArrayParams[name]; found {
				out = append(out, items...)
				continue
			}
		}
		sub, found := v.Substitute(s)
		ok = ok && found
		out = append(out, sub)
	}
	return out, ok
}

// When is the outcome of a task's when expressions.
type When struct {
	Allowed bool
	// MissingResults: an expression refers to a result that does not exist.
	MissingResults bool
	// Resolved expressions, as Tekton writes them into skippedTasks.
	Resolved []interface{}
}

// EvaluateWhen evaluates when expressions (all must hold). A CEL expression
// (`cel`) is not evaluated here: it allows execution.
func (v RunValues) EvaluateWhen(when []interface{}) When {
	out := When{Allowed: true}
	for _, w := range when {
		m, _ := w.(map[string]interface{})
		if cel := str(m, "cel"); cel != "" {
			out.Resolved = append(out.Resolved, map[string]interface{}{"cel": cel})
			continue
		}
		input, okInput := v.Substitute(str(m, "input"))
		raw, _ := m["values"].([]interface{})
		values, okValues := v.whenValues(raw)
		if !okInput || !okValues {
			out.MissingResults = true
			out.Allowed = false
		}
		in := false
		for _, val := range values {
			if val == input {
				in = true
			}
		}
		op := str(m, "operator")
		if (op == "in" && !in) || (op == "notin" && in) {
			out.Allowed = false
		}
		vals := make([]interface{}, len(values))
		for i, val := range values {
			vals[i] = val
		}
		out.Resolved = append(out.Resolved, map[string]interface{}{"input": input, "operator": op, "values": vals})
	}
	return out
}

// replaceAll replaces every "$(<prefix><key>)" of values in s, in one scan.
func replaceAll(s, prefix string, values map[string]string) string {
	if len(values) == 0 || !strings.Contains(s, "$(") {
		return s
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, "$("+prefix+k+")", values[k])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
