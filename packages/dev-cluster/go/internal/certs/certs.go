// Package certs makes the PKI of a dev cluster with crypto/x509: a CA, a
// serving certificate for the loopback addresses, client certificates and the
// service-account signing key pair. ECDSA P-256 keeps generation fast.
package certs

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// Pair is a certificate with its private key.
type Pair struct {
	Cert *x509.Certificate
	Key  *ecdsa.PrivateKey
}

// CertPEM returns the certificate in PEM form.
func (p *Pair) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.Cert.Raw})
}

// KeyPEM returns the private key in PEM (PKCS#8) form.
func (p *Pair) KeyPEM() []byte {
	return mustKeyPEM(p.Key)
}

func mustKeyPEM(k *ecdsa.PrivateKey) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(fmt.Sprintf("marshal key: %v", err)) // cannot happen for a P-256 key
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func newKey() (*ecdsa.PrivateKey, error) {
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

func serial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}

// NewCA makes a self-signed certificate authority valid for the given time.
func NewCA(cn string, validFor time.Duration) (*Pair, error) {
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	sn, err := serial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          sn,
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(validFor),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	return sign(tmpl, key, nil)
}

// Serving issues a TLS server certificate for the given DNS names and IPs.
func (ca *Pair) Serving(cn string, dnsNames []string, ips []net.IP, validFor time.Duration) (*Pair, error) {
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	sn, err := serial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: sn,
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(validFor),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     dnsNames,
		IPAddresses:  ips,
	}
	return sign(tmpl, key, ca)
}

// Client issues a TLS client certificate. Kubernetes reads the user name from
// the CN and the groups from O.
func (ca *Pair) Client(user string, groups []string, validFor time.Duration) (*Pair, error) {
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	sn, err := serial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: sn,
		Subject:      pkix.Name{CommonName: user, Organization: groups},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(validFor),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	return sign(tmpl, key, ca)
}

func sign(tmpl *x509.Certificate, key *ecdsa.PrivateKey, ca *Pair) (*Pair, error) {
	parent, signer := tmpl, crypto.Signer(key)
	if ca != nil {
		parent, signer = ca.Cert, ca.Key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, signer)
	if err != nil {
		return nil, fmt.Errorf("create certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &Pair{Cert: cert, Key: key}, nil
}

// SigningKey makes the service-account token signing key pair and returns
// (private PEM, public PEM).
func SigningKey() ([]byte, []byte, error) {
	key, err := newKey()
	if err != nil {
		return nil, nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, nil, err
	}
	return mustKeyPEM(key), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}), nil
}

// Files names the PEM files of a dev cluster's PKI inside one directory.
type Files struct {
	Dir                     string
	CACert, CAKey           string
	ServingCert, ServingKey string
	AdminCert, AdminKey     string
	ShimCert, ShimKey       string
	SAKey, SAPub            string
}

// FilesIn returns the file names used under dir.
func FilesIn(dir string) Files {
	j := func(n string) string { return filepath.Join(dir, n) }
	return Files{
		Dir: dir, CACert: j("ca.crt"), CAKey: j("ca.key"),
		ServingCert: j("serving.crt"), ServingKey: j("serving.key"),
		AdminCert: j("admin.crt"), AdminKey: j("admin.key"),
		ShimCert: j("shim.crt"), ShimKey: j("shim.key"),
		SAKey: j("sa.key"), SAPub: j("sa.pub"),
	}
}

// AdminUser and ShimUser are the identities in the client certificates.
const (
	AdminUser = "kubernetes-admin"
	ShimUser  = "system:devcluster-shim"
	Masters   = "system:masters"
)

// Generate writes a complete PKI into dir (mode 0700) and returns its files.
func Generate(dir string) (Files, error) {
	f := FilesIn(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return f, err
	}
	const life = 365 * 24 * time.Hour
	ca, err := NewCA("backstage-mlops-dev-cluster-ca", life)
	if err != nil {
		return f, err
	}
	srv, err := ca.Serving("kube-apiserver", []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
		[]net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")}, life)
	if err != nil {
		return f, err
	}
	admin, err := ca.Client(AdminUser, []string{Masters}, life)
	if err != nil {
		return f, err
	}
	// The shim forwards certificate-authenticated callers by impersonation and
	// performs the objects a CRD cannot serve, so it is a control-plane identity.
	shim, err := ca.Client(ShimUser, []string{Masters}, life)
	if err != nil {
		return f, err
	}
	saKey, saPub, err := SigningKey()
	if err != nil {
		return f, err
	}
	writes := []struct {
		path string
		data []byte
	}{
		{f.CACert, ca.CertPEM()}, {f.CAKey, ca.KeyPEM()},
		{f.ServingCert, srv.CertPEM()}, {f.ServingKey, srv.KeyPEM()},
		{f.AdminCert, admin.CertPEM()}, {f.AdminKey, admin.KeyPEM()},
		{f.ShimCert, shim.CertPEM()}, {f.ShimKey, shim.KeyPEM()},
		{f.SAKey, saKey}, {f.SAPub, saPub},
	}
	for _, w := range writes {
		if err := os.WriteFile(w.path, w.data, 0o600); err != nil {
			return f, err
		}
	}
	return f, nil
}
