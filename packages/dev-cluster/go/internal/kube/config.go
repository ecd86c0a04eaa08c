package kube

import (
	"fmt"

	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/backstage-mlops/dev-cluster/internal/certs"
)

// CertConfig returns a REST config for host authenticated by a client
// certificate of the dev cluster's PKI (admin or shim).
func CertConfig(host string, f certs.Files, certFile, keyFile string) *rest.Config {
	return &rest.Config{
		Host: host,
		TLSClientConfig: rest.TLSClientConfig{
			CAFile:   f.CACert,
			CertFile: certFile,
			KeyFile:  keyFile,
		},
		QPS:   200,
		Burst: 400,
	}
}

// AdminConfig talks straight to the API server as the admin (system:masters).
func AdminConfig(apiServer, pkiDir string) *rest.Config {
	f := certs.FilesIn(pkiDir)
	return CertConfig(apiServer, f, f.AdminCert, f.AdminKey)
}

// Clients bundles the typed and dynamic clients of one config.
type Clients struct {
	Config  *rest.Config
	Kube    kubernetes.Interface
	Dynamic dynamic.Interface
}

// NewClients builds clients for cfg.
func NewClients(cfg *rest.Config) (*Clients, error) {
	k, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("kubernetes client: %w", err)
	}
	d, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("dynamic client: %w", err)
	}
	return &Clients{Config: cfg, Kube: k, Dynamic: d}, nil
}
