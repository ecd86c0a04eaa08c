package execute

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	authv1 "k8s.io/api/authentication/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/backstage-mlops/dev-cluster/internal/sandbox"
)

// VolumeDir is the local folder that holds a PersistentVolumeClaim's data
// (every pod that mounts the claim sees the same folder, as with a
// ReadWriteMany volume). It is created on first use.
func (p *Platform) VolumeDir(ns, claim string) string {
	return p.dir("volumes", ns, claim)
}

// claimVolume checks that a claim exists (a pod that names a missing claim is
// not scheduled) and returns its folder, with subPath below it (created, as
// the kubelet creates a missing subPath).
func (p *Platform) claimVolume(ctx context.Context, ns, claim, subPath string) (string, error) {
	_, err := p.Clients.Kube.CoreV1().PersistentVolumeClaims(ns).Get(ctx, claim, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return "", fmt.Errorf("persistentvolumeclaim %q not found", claim)
	}
	if err != nil {
		return "", err
	}
	dir := p.VolumeDir(ns, claim)
	clean := filepath.Clean("/" + subPath)
	if strings.Contains(subPath, "..") {
		return "", fmt.Errorf("subPath %q must not contain '..'", subPath)
	}
	dir = filepath.Join(dir, clean)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", err
	}
	return dir, nil
}

// serviceAccountMount is the projected token volume a pod of the
// ServiceAccount gets at /var/run/secrets/kubernetes.io/serviceaccount: a
// token minted for the account (TokenRequest, as the kubelet does), the
// cluster CA and the namespace. kubectl, oc and Kubernetes client libraries
// read it as their in-cluster configuration, so a step acts with exactly the
// account's RBAC. The account must exist (a pod of a missing account is
// refused at admission).
func (p *Platform) serviceAccountMount(ctx context.Context, ns, account, dir string) (sandbox.Mount, error) {
	if account == "" {
		account = "default"
	}
	expiry := int64(4 * 3600)
	tr, err := p.Clients.Kube.CoreV1().ServiceAccounts(ns).CreateToken(ctx, account, &authv1.TokenRequest{
		Spec: authv1.TokenRequestSpec{ExpirationSeconds: &expiry},
	}, metav1.CreateOptions{})
	if apierrors.IsNotFound(err) {
		return sandbox.Mount{}, fmt.Errorf("error looking up service account %s/%s: serviceaccount %q not found", ns, account, account)
	}
	if err != nil {
		return sandbox.Mount{}, fmt.Errorf("token for service account %s/%s: %w", ns, account, err)
	}
	ca, err := os.ReadFile(p.CAFile)
	if err != nil {
		return sandbox.Mount{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return sandbox.Mount{}, err
	}
	for name, content := range map[string]string{"token": tr.Status.Token, "ca.crt": string(ca), "namespace": ns} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return sandbox.Mount{}, err
		}
	}
	return sandbox.Mount{Source: dir, Target: "/var/run/secrets/kubernetes.io/serviceaccount"}, nil
}

// serviceEnv are the service variables of a pod's environment (the API
// server's KUBERNETES_SERVICE_*), which the kubelet's expansion of env values
// knows besides the container's own (expandEnv).
func serviceEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "KUBERNETES_SERVICE_") {
			out = append(out, kv)
		}
	}
	return out
}

// podEnv is the environment every container gets: the API server as a pod
// sees it (KUBERNETES_SERVICE_*), the service network for cluster-internal
// URLs, and the image's PATH.
func (p *Platform) podEnv(img *Image, home string) []string {
	host, port := "127.0.0.1", "443"
	if u := strings.TrimPrefix(p.Server, "https://"); u != p.Server {
		if h, pt, ok := strings.Cut(u, ":"); ok {
			host, port = h, strings.TrimSuffix(pt, "/")
		}
	}
	proxy := p.Services.ProxyURL()
	return []string{
		"PATH=" + img.Path,
		"HOME=" + home,
		"KUBERNETES_SERVICE_HOST=" + host,
		"KUBERNETES_SERVICE_PORT=" + port,
		"KUBERNETES_SERVICE_PORT_HTTPS=" + port,
		"http_proxy=" + proxy,
		"HTTP_PROXY=" + proxy,
		"no_proxy=127.0.0.1,localhost",
		"NO_PROXY=127.0.0.1,localhost",
		"LANG=C.UTF-8",
		"PYTHONUNBUFFERED=1",
	}
}
