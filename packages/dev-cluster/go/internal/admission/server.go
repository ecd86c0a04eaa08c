package admission

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// Path is where the webhook serves Tekton validation.
const Path = "/validate/tekton.dev"

// FlagsSource answers the feature flags in force for a request.
type FlagsSource interface {
	Flags() (FeatureFlags, error)
}

// StaticFlags is a FlagsSource with fixed flags (tests).
type StaticFlags FeatureFlags

// Flags implements FlagsSource.
func (s StaticFlags) Flags() (FeatureFlags, error) { return FeatureFlags(s), nil }

// ConfigMapFlags follows the `feature-flags` ConfigMap of one namespace with an
// informer, as Tekton's webhook watches its config: a change applies to the next
// request; a missing ConfigMap means Tekton's defaults.
type ConfigMapFlags struct {
	mu   sync.RWMutex
	data map[string]string
}

// WatchFeatureFlags starts following namespace/name until ctx ends and waits
// for the first list.
func WatchFeatureFlags(ctx context.Context, kube kubernetes.Interface, namespace, name string) (*ConfigMapFlags, error) {
	s := &ConfigMapFlags{}
	factory := informers.NewSharedInformerFactoryWithOptions(kube, 0,
		informers.WithNamespace(namespace),
		informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.FieldSelector = fields.OneTermEqualSelector("metadata.name", name).String()
		}))
	informer := factory.Core().V1().ConfigMaps().Informer()
	set := func(o interface{}) {
		if cm, ok := o.(*corev1.ConfigMap); ok {
			s.mu.Lock()
			s.data = cm.Data
			s.mu.Unlock()
		}
	}
	if _, err := informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    set,
		UpdateFunc: func(_, o interface{}) { set(o) },
		DeleteFunc: func(interface{}) {
			s.mu.Lock()
			s.data = nil
			s.mu.Unlock()
		},
	}); err != nil {
		return nil, err
	}
	factory.Start(ctx.Done())
	syncCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if !cache.WaitForCacheSync(syncCtx.Done(), informer.HasSynced) {
		return nil, fmt.Errorf("ConfigMap %s/%s: informer did not sync", namespace, name)
	}
	return s, nil
}

// Flags implements FlagsSource.
func (s *ConfigMapFlags) Flags() (FeatureFlags, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return FlagsFromConfigMap(s.data)
}

// Handler answers AdmissionReview requests for tekton.dev/v1 objects.
type Handler struct {
	Flags FlagsSource
	Logf  func(format string, args ...interface{})
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST an AdmissionReview", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var review admissionv1.AdmissionReview
	if err := json.Unmarshal(body, &review); err != nil || review.Request == nil {
		http.Error(w, fmt.Sprintf("not an AdmissionReview: %v", err), http.StatusBadRequest)
		return
	}
	review.Response = h.Review(review.Request)
	review.Request = nil
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(&review)
}

// Review decides one request.
func (h *Handler) Review(req *admissionv1.AdmissionRequest) *admissionv1.AdmissionResponse {
	allow := &admissionv1.AdmissionResponse{UID: req.UID, Allowed: true}
	if req.Kind.Group != "tekton.dev" || req.Kind.Version != "v1" || len(req.Object.Raw) == 0 {
		return allow
	}
	deny := func(message string) *admissionv1.AdmissionResponse {
		return &admissionv1.AdmissionResponse{UID: req.UID, Allowed: false,
			Result: &metav1.Status{Status: metav1.StatusFailure, Message: message, Reason: metav1.StatusReasonBadRequest, Code: http.StatusBadRequest}}
	}
	var object obj
	if err := json.Unmarshal(req.Object.Raw, &object); err != nil {
		return deny(fmt.Sprintf("validation failed: cannot decode incoming new object: %v", err))
	}
	flags, err := h.Flags.Flags()
	if err != nil {
		return deny(fmt.Sprintf("validation failed: %v", err))
	}
	if errs := Validate(req.Kind.Kind, object, flags); len(errs) > 0 {
		if h.Logf != nil {
			h.Logf("denied %s %s/%s: %s", req.Kind.Kind, req.Namespace, req.Name, Errors(errs))
		}
		return deny("validation failed: " + Errors(errs))
	}
	return allow
}

// Serve serves the webhook over TLS on addr until ctx ends, with /readyz for
// the dev cluster's start-up wait.
func Serve(ctx context.Context, addr, certFile, keyFile string, h *Handler) error {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return err
	}
	if h.Logf == nil {
		h.Logf = log.New(os.Stderr, "admission ", log.LstdFlags|log.Lmicroseconds).Printf
	}
	mux := http.NewServeMux()
	mux.Handle(Path, h)
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	srv := &http.Server{
		Handler:           mux,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	h.Logf("serving Tekton validation on https://%s%s", addr, Path)
	if err := srv.ServeTLS(ln, "", ""); err != http.ErrServerClosed {
		return err
	}
	return nil
}
