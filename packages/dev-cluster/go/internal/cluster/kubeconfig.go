package cluster

import (
	"os"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// writeKubeconfig writes a single-context kubeconfig. Exactly one of
// (certPEM,keyPEM) or token is used for the user.
func writeKubeconfig(path, server string, caPEM, certPEM, keyPEM []byte, token, user, namespace string) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["dev-cluster"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: caPEM}
	auth := &clientcmdapi.AuthInfo{}
	if token != "" {
		auth.Token = token
	} else {
		auth.ClientCertificateData = certPEM
		auth.ClientKeyData = keyPEM
	}
	cfg.AuthInfos[user] = auth
	cfg.Contexts[user+"@dev-cluster"] = &clientcmdapi.Context{Cluster: "dev-cluster", AuthInfo: user, Namespace: namespace}
	cfg.CurrentContext = user + "@dev-cluster"
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}
