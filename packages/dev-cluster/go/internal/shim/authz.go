package shim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	authnv1 "k8s.io/api/authentication/v1"
	authzv1 "k8s.io/api/authorization/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// upstreamAs sends a request to the API server with the caller's identity.
func (s *Server) upstreamAs(r *http.Request, c *caller, method, path string, body interface{}) (*http.Response, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(r.Context(), method, s.upstream.String()+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if a := c.header.Get("Authorization"); a != "" {
		req.Header.Set("Authorization", a)
	}
	return s.pick(c.forward(req))
}

// authorize asks the API server, as the caller, whether the caller may do
// verb on the resource/subresource (a SelfSubjectAccessReview: a
// SubjectAccessReview about the requesting user). It writes the error
// response and returns false when the caller is not authenticated or not
// allowed.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, c *caller, attrs authzv1.ResourceAttributes) bool {
	review := &authzv1.SelfSubjectAccessReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "authorization.k8s.io/v1", Kind: "SelfSubjectAccessReview"},
		Spec:     authzv1.SelfSubjectAccessReviewSpec{ResourceAttributes: &attrs},
	}
	resp, err := s.upstreamAs(r, c, http.MethodPost, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review)
	if err != nil {
		writeStatus(w, http.StatusBadGateway, "ServiceUnavailable", fmt.Sprintf("dev-cluster shim: access review failed: %v", err), nil)
		return false
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusUnauthorized {
		writeStatus(w, http.StatusUnauthorized, "Unauthorized", "Unauthorized", nil)
		return false
	}
	denied := resp.StatusCode == http.StatusForbidden // e.g. anonymous callers may not even ask
	if !denied && resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		copyResponse(w, resp.StatusCode, resp.Header, b)
		return false
	}
	var out authzv1.SelfSubjectAccessReview
	if denied {
		out.Status.Allowed = false
	} else if err := json.Unmarshal(b, &out); err != nil {
		writeStatus(w, http.StatusBadGateway, "ServiceUnavailable", "dev-cluster shim: bad access review response", nil)
		return false
	}
	if out.Status.Allowed {
		return true
	}
	res := attrs.Resource
	if attrs.Subresource != "" {
		res += "/" + attrs.Subresource
	}
	msg := fmt.Sprintf("%s %q is forbidden: User %q cannot %s resource %q in API group %q in the namespace %q",
		qualified(attrs.Resource, attrs.Group), attrs.Name, s.whoAmI(r, c), attrs.Verb, res, attrs.Group, attrs.Namespace)
	if out.Status.Reason != "" {
		msg += ": " + out.Status.Reason
	}
	writeStatus(w, http.StatusForbidden, "Forbidden", msg, &metav1.StatusDetails{Name: attrs.Name, Group: attrs.Group, Kind: attrs.Resource})
	return false
}

func qualified(resource, group string) string {
	if group == "" {
		return resource
	}
	return resource + "." + group
}

// whoAmI returns the caller's user name via a SelfSubjectReview (for messages).
func (s *Server) whoAmI(r *http.Request, c *caller) string {
	if c.cert == nil && c.header.Get("Authorization") == "" {
		return "system:anonymous"
	}
	resp, err := s.upstreamAs(r, c, http.MethodPost, "/apis/authentication.k8s.io/v1/selfsubjectreviews", &authnv1.SelfSubjectReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "authentication.k8s.io/v1", Kind: "SelfSubjectReview"},
	})
	if err != nil {
		return "unknown"
	}
	defer resp.Body.Close()
	var out authnv1.SelfSubjectReview
	if json.NewDecoder(resp.Body).Decode(&out) != nil || out.Status.UserInfo.Username == "" {
		return "unknown"
	}
	return out.Status.UserInfo.Username
}

func copyResponse(w http.ResponseWriter, code int, h http.Header, body []byte) {
	if ct := h.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

// writeStatus writes a Kubernetes Status object, as the API server does for errors.
func writeStatus(w http.ResponseWriter, code int, reason, message string, details *metav1.StatusDetails) {
	st := metav1.Status{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Status"},
		Status:   metav1.StatusFailure,
		Message:  message,
		Reason:   metav1.StatusReason(reason),
		Details:  details,
		Code:     int32(code),
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(st)
}
