package admission

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

func review(t *testing.T, h *Handler, kind metav1.GroupVersionKind, object string) *admissionv1.AdmissionResponse {
	t.Helper()
	in := admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
		Request:  &admissionv1.AdmissionRequest{UID: "u-1", Kind: kind, Name: "n", Namespace: "ns", Object: runtime.RawExtension{Raw: []byte(object)}},
	}
	body, _ := json.Marshal(in)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, Path, bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		t.Fatalf("HTTP %d: %s", rec.Code, rec.Body)
	}
	var out admissionv1.AdmissionReview
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Response == nil {
		t.Fatalf("answer: %v %s", err, rec.Body)
	}
	if out.Response.UID != "u-1" || out.Kind != "AdmissionReview" {
		t.Fatalf("answer does not echo the review: %+v", out)
	}
	return out.Response
}

func TestHandlerDeniesLikeTheTektonWebhook(t *testing.T) {
	h := &Handler{Flags: StaticFlags(DefaultFeatureFlags), Logf: t.Logf}
	pipeline := metav1.GroupVersionKind{Group: "tekton.dev", Version: "v1", Kind: "Pipeline"}
	got := review(t, h, pipeline, pipelineWithEnum)
	if got.Allowed || got.Result == nil || got.Result.Code != http.StatusBadRequest ||
		got.Result.Message != "validation failed: feature flag `enable-param-enum` should be set to true to use Enum: spec.params[data-source]" {
		t.Fatalf("denial: %+v", got.Result)
	}
	h.Flags = StaticFlags{ParamEnum: true}
	if got := review(t, h, pipeline, pipelineWithEnum); !got.Allowed {
		t.Fatalf("with enable-param-enum: %+v", got.Result)
	}
	// Other groups and versions pass untouched.
	other := metav1.GroupVersionKind{Group: "tekton.dev", Version: "v1beta1", Kind: "Pipeline"}
	if got := review(t, &Handler{Flags: StaticFlags(DefaultFeatureFlags)}, other, pipelineWithEnum); !got.Allowed {
		t.Fatalf("v1beta1: %+v", got.Result)
	}
}

func TestHandlerRefusesABrokenFeatureFlagsConfigMap(t *testing.T) {
	h := &Handler{Flags: &ConfigMapFlags{data: map[string]string{"enable-param-enum": "maybe"}}}
	got := review(t, h, metav1.GroupVersionKind{Group: "tekton.dev", Version: "v1", Kind: "Task"}, `{"spec": {"steps": []}}`)
	if got.Allowed {
		t.Fatal("allowed with an unreadable feature-flags ConfigMap")
	}
}

func TestWebhookConfiguration(t *testing.T) {
	cfg := WebhookConfiguration("https://127.0.0.1:1234"+Path, []byte("ca"))
	w := cfg.Webhooks[0]
	if cfg.Name != WebhookName || w.Name != WebhookName || *w.ClientConfig.URL != "https://127.0.0.1:1234/validate/tekton.dev" ||
		string(w.ClientConfig.CABundle) != "ca" || string(*w.FailurePolicy) != "Fail" {
		t.Fatalf("%+v", cfg)
	}
	r := w.Rules[0]
	if r.APIGroups[0] != "tekton.dev" || r.APIVersions[0] != "v1" || len(r.Resources) != 4 || len(r.Operations) != 2 {
		t.Fatalf("rules: %+v", r)
	}
}
