package shim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	authzv1 "k8s.io/api/authorization/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/dynamic"

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
	updated, err := InstantiateBuild(r.Context(), s.clients.Dynamic, ns, name, &req)
	if errors.Is(err, errNoBuildNumber) {
		writeStatus(w, http.StatusConflict, "Conflict", err.Error(), nil)
		return
	}
	if err != nil {
		writeAPIError(w, err)
		return
	}
	s.logf("instantiate %s/%s by %s -> build %s", ns, name, c.Describe(), updated.GetName())
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(updated.Object)
}

var errNoBuildNumber = errors.New("could not reserve a build number")

// InstantiateBuild is what the build controller's instantiate does: it
// reserves the next build number on the BuildConfig (optimistic concurrency
// on status.lastVersion; a number a seeded Build already has is skipped) and
// creates Build <bc>-<n> in phase New. The shim serves it as the
// instantiate subresource; the simulated build controller calls it for a
// BuildConfig's ConfigChange trigger.
func InstantiateBuild(ctx context.Context, dyn dynamic.Interface, ns, name string, req *BuildRequest) (*unstructured.Unstructured, error) {
	bcs := dyn.Resource(kube.BuildConfig).Namespace(ns)
	builds := dyn.Resource(kube.Build).Namespace(ns)
	for attempt := 0; attempt < 20; attempt++ {
		bc, err := bcs.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return nil, err
		}
		last, _, _ := unstructured.NestedInt64(bc.Object, "status", "lastVersion")
		n := last + 1
		if err := unstructured.SetNestedField(bc.Object, n, "status", "lastVersion"); err != nil {
			return nil, err
		}
		if _, err := bcs.UpdateStatus(ctx, bc, metav1.UpdateOptions{FieldManager: "devcluster-shim"}); err != nil {
			if apierrors.IsConflict(err) {
				continue // someone else took this number: refetch and retry
			}
			return nil, err
		}
		b := NewBuild(bc, n, req)
		st := b.Object["status"]
		created, err := builds.Create(ctx, b, metav1.CreateOptions{FieldManager: "devcluster-shim"})
		if apierrors.IsAlreadyExists(err) {
			continue // a build with this number exists (e.g. seeded): take the next number
		}
		if err != nil {
			return nil, err
		}
		created.Object["status"] = st
		return builds.UpdateStatus(ctx, created, metav1.UpdateOptions{FieldManager: "devcluster-shim"})
	}
	return nil, fmt.Errorf("%w for buildconfig %s/%s", errNoBuildNumber, ns, name)
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
