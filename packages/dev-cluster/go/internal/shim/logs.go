package shim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	authzv1 "k8s.io/api/authorization/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/logstore"
)

// LogOptions are the query parameters of pods/log and builds/log we honour.
// timestamps, sinceSeconds, sinceTime and previous are accepted and ignored.
type LogOptions struct {
	Follow     bool
	TailLines  int64
	LimitBytes int64
	Container  string
}

// ParseLogOptions reads the query like the API server does (400 on bad values).
func ParseLogOptions(q map[string][]string) (LogOptions, error) {
	o := LogOptions{TailLines: -1}
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	if v := get("follow"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return o, fmt.Errorf("follow: %v", err)
		}
		o.Follow = b
	}
	if v := get("tailLines"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return o, fmt.Errorf("tailLines: must be a non-negative integer, got %q", v)
		}
		o.TailLines = n
	}
	if v := get("limitBytes"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return o, fmt.Errorf("limitBytes: must be greater than 0, got %q", v)
		}
		o.LimitBytes = n
	}
	o.Container = get("container")
	return o, nil
}

func (s *Server) podLog(w http.ResponseWriter, r *http.Request, c *caller, ns, pod string) {
	if r.Method != http.MethodGet {
		writeStatus(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "only GET is allowed on pods/log", nil)
		return
	}
	if !s.authorize(w, r, c, authzv1.ResourceAttributes{Namespace: ns, Verb: "get", Resource: "pods", Subresource: "log", Name: pod}) {
		return
	}
	o, err := ParseLogOptions(r.URL.Query())
	if err != nil {
		writeStatus(w, http.StatusBadRequest, "BadRequest", err.Error(), nil)
		return
	}
	p, err := s.clients.Dynamic.Resource(podGVR).Namespace(ns).Get(r.Context(), pod, metav1.GetOptions{})
	if err != nil {
		writeAPIError(w, err)
		return
	}
	containers, inits := containerNames(p, "containers"), containerNames(p, "initContainers")
	container := o.Container
	if container == "" {
		if len(containers) != 1 {
			msg := fmt.Sprintf("a container name must be specified for pod %s, choose one of: [%s]", pod, strings.Join(containers, " "))
			if len(inits) > 0 {
				msg += fmt.Sprintf(" or one of the init containers: [%s]", strings.Join(inits, " "))
			}
			writeStatus(w, http.StatusBadRequest, "BadRequest", msg, nil)
			return
		}
		container = containers[0]
	} else if !contains(containers, container) && !contains(inits, container) {
		writeStatus(w, http.StatusBadRequest, "BadRequest", fmt.Sprintf("container %s is not valid for pod %s", container, pod), nil)
		return
	}
	if !s.store.Exists(ns, "pods", pod, container) {
		writeStatus(w, http.StatusBadRequest, "BadRequest",
			fmt.Sprintf("container %q in pod %q is waiting to start: PodInitializing", container, pod), nil)
		return
	}
	s.stream(w, r, ns, "pods", pod, container, o, nil)
}

func (s *Server) buildLog(w http.ResponseWriter, r *http.Request, c *caller, ns, name string) {
	if r.Method != http.MethodGet {
		writeStatus(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "only GET is allowed on builds/log", nil)
		return
	}
	if !s.authorize(w, r, c, authzv1.ResourceAttributes{Namespace: ns, Verb: "get", Group: "build.openshift.io", Resource: "builds", Subresource: "log", Name: name}) {
		return
	}
	o, err := ParseLogOptions(r.URL.Query())
	if err != nil {
		writeStatus(w, http.StatusBadRequest, "BadRequest", err.Error(), nil)
		return
	}
	builds := s.clients.Dynamic.Resource(kube.Build).Namespace(ns)
	if _, err := builds.Get(r.Context(), name, metav1.GetOptions{}); err != nil {
		writeAPIError(w, err)
		return
	}
	running := func() bool {
		b, err := builds.Get(r.Context(), name, metav1.GetOptions{})
		if err != nil {
			return false
		}
		phase, _, _ := unstructured.NestedString(b.Object, "status", "phase")
		return phase == "" || phase == "New" || phase == "Pending" || phase == "Running"
	}
	if !s.store.Exists(ns, "builds", name, "build") {
		if !o.Follow || !s.waitForLog(r, ns, "builds", name, "build", running) {
			// Not started yet (or never logged): an empty log, as a build that has not run.
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	s.stream(w, r, ns, "builds", name, "build", o, running)
}

// waitForLog waits (following) until a log appears or the object stops running.
func (s *Server) waitForLog(r *http.Request, ns, kind, name, container string, running func() bool) bool {
	for {
		if s.store.Exists(ns, kind, name, container) {
			return true
		}
		if !running() {
			return s.store.Exists(ns, kind, name, container)
		}
		select {
		case <-r.Context().Done():
			return false
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (s *Server) stream(w http.ResponseWriter, r *http.Request, ns, kind, name, container string, o LogOptions, running func() bool) {
	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	flush := func() {
		if flusher != nil {
			flusher.Flush()
		}
	}
	err := s.store.Stream(r.Context(), w, flush, ns, kind, name, container, logstore.Options{
		Follow: o.Follow, TailLines: o.TailLines, LimitBytes: o.LimitBytes, StillRunning: running,
	})
	if err != nil {
		s.logf("log %s/%s/%s[%s]: %v", ns, kind, name, container, err)
	}
}

var podGVR = schema.GroupVersionResource{Version: "v1", Resource: "pods"}

func containerNames(p *unstructured.Unstructured, field string) []string {
	list, _, _ := unstructured.NestedSlice(p.Object, "spec", field)
	var out []string
	for _, c := range list {
		if m, ok := c.(map[string]interface{}); ok {
			if n, ok := m["name"].(string); ok {
				out = append(out, n)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
