package shim

import (
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"net/http/httptest"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

func TestNewBuildFromConfig(t *testing.T) {
	bc := &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "build.openshift.io/v1", "kind": "BuildConfig",
		"metadata": map[string]interface{}{"name": "img", "namespace": "ns", "uid": "u1",
			"labels": map[string]interface{}{"model-name": "m"}, "annotations": map[string]interface{}{kube.AnnOutcome: "fail"}},
		"spec": map[string]interface{}{
			"runPolicy": "Serial",
			"source":    map[string]interface{}{"type": "Git", "git": map[string]interface{}{"uri": "https://x/y.git"}},
			"strategy":  map[string]interface{}{"type": "Docker", "dockerStrategy": map[string]interface{}{}},
			"output":    map[string]interface{}{"to": map[string]interface{}{"kind": "ImageStreamTag", "name": "img:latest"}},
			"triggers":  []interface{}{map[string]interface{}{"type": "ConfigChange"}},
		},
	}}
	b := NewBuild(bc, 3, &BuildRequest{Env: []map[string]interface{}{{"name": "A", "value": "1"}}})
	if b.GetName() != "img-3" || b.GetNamespace() != "ns" {
		t.Fatalf("name %s/%s", b.GetNamespace(), b.GetName())
	}
	l := b.GetLabels()
	if l[LabelBuildConfig] != "img" || l[LabelBuildConfigLegacy] != "img" || l[LabelStartPolicy] != "Serial" || l["model-name"] != "m" {
		t.Errorf("labels %v", l)
	}
	a := b.GetAnnotations()
	if a[AnnBuildNumber] != "3" || a[LabelBuildConfig] != "img" || a[kube.AnnOutcome] != "fail" {
		t.Errorf("annotations %v", a)
	}
	if _, ok, _ := unstructured.NestedSlice(b.Object, "spec", "triggers"); ok {
		t.Error("BC triggers must not be copied into the build spec")
	}
	if env, _, _ := unstructured.NestedSlice(b.Object, "spec", "strategy", "dockerStrategy", "env"); len(env) != 1 {
		t.Errorf("request env not added: %v", env)
	}
	if p, _, _ := unstructured.NestedString(b.Object, "status", "phase"); p != "New" {
		t.Errorf("phase %s", p)
	}
	if refs := b.GetOwnerReferences(); len(refs) != 1 || refs[0].Name != "img" || string(refs[0].UID) != "u1" {
		t.Errorf("owner %v", refs)
	}
}

func TestParseLogOptions(t *testing.T) {
	o, err := ParseLogOptions(map[string][]string{"follow": {"true"}, "tailLines": {"5"}, "limitBytes": {"10"}, "container": {"step-a"}})
	if err != nil || !o.Follow || o.TailLines != 5 || o.LimitBytes != 10 || o.Container != "step-a" {
		t.Errorf("%+v %v", o, err)
	}
	if o, _ := ParseLogOptions(nil); o.TailLines != -1 || o.Follow {
		t.Errorf("defaults %+v", o)
	}
	for _, bad := range []map[string][]string{{"tailLines": {"-1"}}, {"limitBytes": {"0"}}, {"follow": {"maybe"}}} {
		if _, err := ParseLogOptions(bad); err == nil {
			t.Errorf("accepted %v", bad)
		}
	}
}

func TestCallerForwarding(t *testing.T) {
	// Bearer callers are forwarded untouched.
	r := httptest.NewRequest("GET", "/api", nil)
	r.Header.Set("Authorization", "Bearer t")
	c, err := callerOf(r)
	if err != nil {
		t.Fatal(err)
	}
	if f := c.forward(r); f.Header.Get("Impersonate-User") != "" || f.Context().Value(privKey) != nil {
		t.Error("bearer request must not be impersonated")
	}
	// Verified certificate callers are impersonated by CN and O.
	cert := &x509.Certificate{Subject: pkix.Name{CommonName: "alice", Organization: []string{"g1", "g2"}}}
	r = httptest.NewRequest("GET", "/api", nil)
	r.TLS = &tls.ConnectionState{PeerCertificates: []*x509.Certificate{cert}, VerifiedChains: [][]*x509.Certificate{{cert}}}
	c, _ = callerOf(r)
	f := c.forward(r)
	if f.Header.Get("Impersonate-User") != "alice" || len(f.Header.Values("Impersonate-Group")) != 2 || f.Context().Value(privKey) == nil {
		t.Errorf("impersonation headers %v", f.Header)
	}
	// A certificate caller may not smuggle its own impersonation headers.
	r.Header.Set("Impersonate-User", "system:admin")
	if _, err := callerOf(r); err == nil {
		t.Error("impersonation by a certificate caller accepted")
	}
}
