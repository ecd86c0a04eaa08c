package kube

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/restmapper"
)

// ReadManifests decodes every YAML document of the *.yaml files in dir
// (sorted by name), skipping empty documents.
func ReadManifests(dir string) ([]*unstructured.Unstructured, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.yaml manifests in %s", dir)
	}
	sort.Strings(files)
	var out []*unstructured.Unstructured
	for _, f := range files {
		objs, err := ReadManifestFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, objs...)
	}
	return out, nil
}

// ReadManifestFile decodes the YAML documents of one file.
func ReadManifestFile(path string) ([]*unstructured.Unstructured, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return DecodeYAML(b, path)
}

// DecodeYAML decodes a multi-document YAML stream; name is used in errors.
func DecodeYAML(b []byte, name string) ([]*unstructured.Unstructured, error) {
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(b), 4096)
	var out []*unstructured.Unstructured
	for i := 0; ; i++ {
		var m map[string]interface{}
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("%s: document %d: %w", name, i, err)
		}
		if len(m) == 0 {
			continue
		}
		u := &unstructured.Unstructured{Object: m}
		if u.GetKind() == "" || u.GetAPIVersion() == "" {
			return nil, fmt.Errorf("%s: document %d has no kind/apiVersion", name, i)
		}
		out = append(out, u)
	}
	return out, nil
}

// Applier applies objects with server-side apply, mapping kinds to resources
// through (cached) discovery.
type Applier struct {
	c      *Clients
	mapper *restmapper.DeferredDiscoveryRESTMapper
}

// NewApplier makes an applier for c.
func NewApplier(c *Clients) (*Applier, error) {
	dc, err := discovery.NewDiscoveryClientForConfig(c.Config)
	if err != nil {
		return nil, err
	}
	return &Applier{c: c, mapper: restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))}, nil
}

// Reset forgets cached discovery (call after installing CRDs).
func (a *Applier) Reset() { a.mapper.Reset() }

// Mapping returns the resource of a kind.
func (a *Applier) Mapping(gvk schema.GroupVersionKind) (*meta.RESTMapping, error) {
	m, err := a.mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
	if err != nil && meta.IsNoMatchError(err) {
		a.mapper.Reset()
		m, err = a.mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
	}
	return m, err
}

// Apply server-side-applies obj (force: devcluster owns what it applies).
func (a *Applier) Apply(ctx context.Context, obj *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	m, err := a.Mapping(obj.GroupVersionKind())
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", obj.GetKind(), obj.GetName(), err)
	}
	return ApplyTo(ctx, a.c, m.Resource, m.Scope.Name() == meta.RESTScopeNameNamespace, obj)
}

// ApplyTo server-side-applies obj to a known resource.
func ApplyTo(ctx context.Context, c *Clients, gvr schema.GroupVersionResource, namespaced bool, obj *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	body, err := json.Marshal(obj.Object)
	if err != nil {
		return nil, err
	}
	force := true
	opts := metav1.PatchOptions{FieldManager: FieldManager, Force: &force}
	ri := c.Dynamic.Resource(gvr)
	var res *unstructured.Unstructured
	if namespaced {
		res, err = ri.Namespace(obj.GetNamespace()).Patch(ctx, obj.GetName(), types.ApplyPatchType, body, opts)
	} else {
		res, err = ri.Patch(ctx, obj.GetName(), types.ApplyPatchType, body, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("apply %s %s/%s: %w", obj.GetKind(), obj.GetNamespace(), obj.GetName(), err)
	}
	return res, nil
}

// ApplyStatus server-side-applies the status of obj through the status
// subresource (the object must exist). Only apiVersion, kind, name,
// namespace and status are sent.
func ApplyStatus(ctx context.Context, c *Clients, gvr schema.GroupVersionResource, obj *unstructured.Unstructured) error {
	st, ok := obj.Object["status"]
	if !ok {
		return nil
	}
	patch := map[string]interface{}{
		"apiVersion": obj.GetAPIVersion(),
		"kind":       obj.GetKind(),
		"metadata":   map[string]interface{}{"name": obj.GetName(), "namespace": obj.GetNamespace()},
		"status":     st,
	}
	body, err := json.Marshal(patch)
	if err != nil {
		return err
	}
	force := true
	_, err = c.Dynamic.Resource(gvr).Namespace(obj.GetNamespace()).Patch(ctx, obj.GetName(), types.ApplyPatchType, body,
		metav1.PatchOptions{FieldManager: FieldManager + "-status", Force: &force}, "status")
	if err != nil {
		return fmt.Errorf("apply status of %s %s/%s: %w", obj.GetKind(), obj.GetNamespace(), obj.GetName(), err)
	}
	return nil
}

// WaitCRDsEstablished waits until every named CRD reports Established=True.
func WaitCRDsEstablished(ctx context.Context, c *Clients, names []string, timeout time.Duration) error {
	gvr := schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}
	deadline := time.Now().Add(timeout)
	pending := append([]string(nil), names...)
	for len(pending) > 0 {
		var still []string
		for _, n := range pending {
			crd, err := c.Dynamic.Resource(gvr).Get(ctx, n, metav1.GetOptions{})
			if err != nil && !apierrors.IsNotFound(err) {
				return err
			}
			if err != nil || !conditionTrue(crd, "Established") {
				still = append(still, n)
			}
		}
		pending = still
		if len(pending) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("CRDs not established after %s: %s", timeout, strings.Join(pending, ", "))
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil
}

func conditionTrue(u *unstructured.Unstructured, typ string) bool {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m, _ := c.(map[string]interface{})
		if m["type"] == typ && m["status"] == "True" {
			return true
		}
	}
	return false
}
