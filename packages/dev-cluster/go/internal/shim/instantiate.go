package shim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	authzv1 "k8s.io/api/authorization/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// instantiate serves POST .../buildconfigs/{name}/instantiate: it reserves the
// next build number on the BuildConfig (optimistic concurrency on
// status.lastVersion), creates Build <bc>-<n> in phase New and returns it (201).
func (s *Server) instantiate(w http.ResponseWriter, r *http.Request, c *caller, ns, name string) {
	if !s.authorize(w, r, c, authzv1.ResourceAttributes{
		Namespace: ns, Verb: "create", Group: "build.openshift.io", Resource: "buildconfigs", Subresource: "instantiate", Name: name,
	}) {
		return
	}
	var req BuildRequest
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil && len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			writeStatus(w, http.StatusBadRequest, "BadRequest", fmt.Sprintf("invalid BuildRequest: %v", err), nil)
			return
		}
		if req.Kind != "" && req.Kind != "BuildRequest" {
			writeStatus(w, http.StatusBadRequest, "BadRequest", fmt.Sprintf("expected kind BuildRequest, got %q", req.Kind), nil)
			return
		}
	}
	ctx := r.Context()
	bcs := s.clients.Dynamic.Resource(kube.BuildConfig).Namespace(ns)
	builds := s.clients.Dynamic.Resource(kube.Build).Namespace(ns)
	for attempt := 0; attempt < 20; attempt++ {
		bc, err := bcs.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			writeAPIError(w, err)
			return
		}
		last, _, _ := unstructured.NestedInt64(bc.Object, "status", "lastVersion")
		n := last + 1
		if err := unstructured.SetNestedField(bc.Object, n, "status", "lastVersion"); err != nil {
			writeStatus(w, http.StatusInternalServerError, "InternalError", err.Error(), nil)
			return
		}
		if _, err := bcs.UpdateStatus(ctx, bc, metav1.UpdateOptions{FieldManager: "devcluster-shim"}); err != nil {
			if apierrors.IsConflict(err) {
				continue // someone else took this number: refetch and retry
			}
			writeAPIError(w, err)
			return
		}
		b := NewBuild(bc, n, &req)
		st := b.Object["status"]
		created, err := builds.Create(ctx, b, metav1.CreateOptions{FieldManager: "devcluster-shim"})
		if apierrors.IsAlreadyExists(err) {
			continue // a build with this number exists (e.g. seeded): take the next number
		}
		if err != nil {
			writeAPIError(w, err)
			return
		}
		created.Object["status"] = st
		updated, err := builds.UpdateStatus(ctx, created, metav1.UpdateOptions{FieldManager: "devcluster-shim"})
		if err != nil {
			writeAPIError(w, err)
			return
		}
		s.logf("instantiate %s/%s by %s -> build %s", ns, name, c.Describe(), updated.GetName())
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(updated.Object)
		return
	}
	writeStatus(w, http.StatusConflict, "Conflict", fmt.Sprintf("could not reserve a build number for buildconfig %s/%s", ns, name), nil)
}

// writeAPIError passes an API server error on as its Status.
func writeAPIError(w http.ResponseWriter, err error) {
	if se, ok := err.(apierrors.APIStatus); ok {
		st := se.Status()
		st.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Status"}
		code := int(st.Code)
		if code == 0 {
			code = http.StatusInternalServerError
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(st)
		return
	}
	writeStatus(w, http.StatusInternalServerError, "InternalError", err.Error(), nil)
}
