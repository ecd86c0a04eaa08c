package admission

import (
	"regexp"
	"strings"
)

// referencePattern matches Tekton variable references with a given prefix in the
// three spellings docs/variables.md allows: $(prefix.name), $(prefix["name"]) and
// $(prefix['name']); the name may end in an array index ([0]) or [*].
func referencePattern(prefix string) *regexp.Regexp {
	p := regexp.QuoteMeta(prefix)
	return regexp.MustCompile(`\$\(` + p + `(?:\.([^)]*?)|\["([^"]*)"\]|\['([^']*)'\])\)`)
}

var indexSuffix = regexp.MustCompile(`\[(?:[0-9]+|\*)\]$`)

// referencedNames returns the names referenced with the prefix in s, without an
// index suffix, in order of appearance.
func referencedNames(s string, pattern *regexp.Regexp) []string {
	var names []string
	for _, m := range pattern.FindAllStringSubmatch(s, -1) {
		name := m[1] + m[2] + m[3]
		names = append(names, indexSuffix.ReplaceAllString(name, ""))
	}
	return names
}

// unknownReference returns the first name s references with the prefix that is
// not in known ("" when there is none). A name with a dot (an object param's key,
// `params.obj.key`) counts by its first segment when known lists object names.
func unknownReference(s string, pattern *regexp.Regexp, known map[string]bool, byFirstSegment bool) string {
	for _, name := range referencedNames(s, pattern) {
		if known[name] || (byFirstSegment && known[strings.SplitN(name, ".", 2)[0]]) {
			continue
		}
		return name
	}
	return ""
}

var (
	paramsRef          = referencePattern("params")
	resultsRef         = regexp.MustCompile(`\$\(results(?:\.([^.)]+)|\["([^"]+)"\]|\['([^']+)'\])\.path\)`)
	contextTaskRunRef  = referencePattern("context.taskRun")
	contextTaskRef     = referencePattern("context.task")
	contextPipelineRun = referencePattern("context.pipelineRun")
	contextPipelineRef = referencePattern("context.pipeline")
	contextPipelineTsk = referencePattern("context.pipelineTask")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// The context variables upstream accepts in a Task's steps
// (task_validation.go, validateTaskContextVariables) and in a Pipeline's task
// params (pipeline_validation.go, validatePipelineContextVariables).
var (
	taskRunContextNames     = set("name", "namespace", "uid")
	taskContextNames        = set("name", "retry-count")
	pipelineRunContextNames = set("name", "namespace", "uid")
	pipelineContextNames    = set("name")
	pipelineTaskContextName = set("retries")
)
