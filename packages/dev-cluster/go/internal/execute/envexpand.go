package execute

import "strings"

// What the kubelet does to a container's env values before the container
// starts (kubernetes/kubernetes pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables, with third_party/forked/golang/expansion/expand.go):
// in each value, "$(NAME)" becomes the value of NAME when NAME is a variable
// declared earlier in the container's env or a service variable, and stays as
// written otherwise; "$$" becomes "$". Nothing else is interpreted, so a
// Tekton param passed in an env value reaches the step as data, changed only
// by these two rules.

// expandEnv expands the declared "NAME=value" entries in order, each against
// the ones before it and the service variables.
func expandEnv(declared, service []string) []string {
	known := map[string]string{}
	for _, kv := range service {
		if name, value, ok := strings.Cut(kv, "="); ok {
			known[name] = value
		}
	}
	out := make([]string, 0, len(declared))
	for _, kv := range declared {
		name, value, _ := strings.Cut(kv, "=")
		value = expandValue(value, known)
		known[name] = value
		out = append(out, name+"="+value)
	}
	return out
}

// expandValue applies the kubelet's two rules to one value.
func expandValue(value string, known map[string]string) string {
	if !strings.Contains(value, "$") {
		return value
	}
	var b strings.Builder
	for i := 0; i < len(value); i++ {
		c := value[i]
		if c != '$' || i+1 == len(value) {
			b.WriteByte(c)
			continue
		}
		switch value[i+1] {
		case '$': // an escaped "$"
			b.WriteByte('$')
			i++
		case '(':
			end := strings.IndexByte(value[i+2:], ')')
			if end < 0 { // no closing ")": "$(" is text, and the scan goes on
				b.WriteString("$(")
				i++
				continue
			}
			ref := value[i+2 : i+2+end]
			if v, ok := known[ref]; ok {
				b.WriteString(v)
			} else {
				b.WriteString("$(" + ref + ")")
			}
			i += 2 + end
		default:
			b.WriteByte('$')
		}
	}
	return b.String()
}
