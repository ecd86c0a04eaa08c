package certs

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"testing"
)

func TestGenerateMakesAWorkingPKI(t *testing.T) {
	f, err := Generate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	caPEM, _ := os.ReadFile(f.CACert)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		t.Fatal("CA PEM did not parse")
	}
	srv, err := tls.LoadX509KeyPair(f.ServingCert, f.ServingKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(srv.Certificate[0])
	for _, host := range []string{"127.0.0.1", "localhost"} {
		if _, err := leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: host}); err != nil {
			t.Errorf("serving cert does not verify for %s: %v", host, err)
		}
	}
	admin, err := tls.LoadX509KeyPair(f.AdminCert, f.AdminKey)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := x509.ParseCertificate(admin.Certificate[0])
	if a.Subject.CommonName != AdminUser || len(a.Subject.Organization) != 1 || a.Subject.Organization[0] != Masters {
		t.Errorf("admin subject = %v", a.Subject)
	}
	if _, err := a.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}); err != nil {
		t.Errorf("admin cert is not a client cert of the CA: %v", err)
	}
	if _, err := a.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err == nil {
		t.Error("admin cert must not be usable as a server cert")
	}
	pub, _ := os.ReadFile(f.SAPub)
	blk, _ := pem.Decode(pub)
	if blk == nil || blk.Type != "PUBLIC KEY" {
		t.Fatal("sa.pub is not a PEM public key")
	}
	if _, err := x509.ParsePKIXPublicKey(blk.Bytes); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(f.CAKey); st.Mode().Perm() != 0o600 {
		t.Errorf("ca.key mode = %v", st.Mode())
	}
}
