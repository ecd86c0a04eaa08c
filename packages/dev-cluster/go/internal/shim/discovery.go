package shim

import (
	"encoding/json"
	"io"
	"net/http"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// buildSubresources are served by the shim and missing from the CRD's discovery.
var buildSubresources = []metav1.APIResource{
	{Name: "buildconfigs/instantiate", Namespaced: true, Group: "build.openshift.io", Version: "v1", Kind: "BuildRequest", Verbs: metav1.Verbs{"create"}},
	{Name: "builds/log", Namespaced: true, Group: "build.openshift.io", Version: "v1", Kind: "BuildLog", Verbs: metav1.Verbs{"get"}},
}

// buildDiscovery serves GET /apis/build.openshift.io/v1: the API server's
// APIResourceList (fetched as the caller) plus the shim's subresources.
// Aggregated discovery (GET /apis with the apidiscovery.k8s.io/v2 Accept) is
// passed through unchanged and so does not list them.
func (s *Server) buildDiscovery(w http.ResponseWriter, r *http.Request, c *caller) {
	resp, err := s.upstreamAs(r, c, http.MethodGet, buildDiscoveryPath, nil)
	if err != nil {
		writeStatus(w, http.StatusBadGateway, "ServiceUnavailable", err.Error(), nil)
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		copyResponse(w, resp.StatusCode, resp.Header, b)
		return
	}
	var list metav1.APIResourceList
	if err := json.Unmarshal(b, &list); err != nil {
		copyResponse(w, resp.StatusCode, resp.Header, b)
		return
	}
	list.APIResources = append(list.APIResources, buildSubresources...)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(list)
}
