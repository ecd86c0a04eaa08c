package cluster

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	authv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/backstage-mlops/dev-cluster/internal/certs"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/proc"
	"github.com/backstage-mlops/dev-cluster/internal/state"
)

// Backend identity created by the rbac manifests.
const (
	BackendNamespace = "backstage-mlops-system"
	BackendAccount   = "backstage-mlops"
	// ScaffolderAccount is the scaffolder actions' identity (ClusterRole
	// backstage-mlops-scaffolder), in BackendNamespace.
	ScaffolderAccount = "backstage-mlops-scaffolder"
)

// TektonNamespace is where OpenShift Pipelines installs Tekton, and with it the
// `feature-flags` ConfigMap its webhook reads (manifests/tekton).
const TektonNamespace = "openshift-pipelines"

// DemoNamespaces are created by `up --demo-namespaces` and filled by `seed`.
var DemoNamespaces = []string{"mlops-demo", "mlops-demo-team-b"}

// UpOptions configure `devcluster up`.
type UpOptions struct {
	StateDir       string
	BinDir         string // holds etcd and kube-apiserver
	Self           string // the devcluster binary (runs the shim and the simulator)
	Manifests      string // holds crds/ and rbac/
	Controllers    bool
	DemoNamespaces bool
	SimSeed        int64
	SimStep        time.Duration
	TokenTTL       time.Duration
	Timeout        time.Duration
	Log            io.Writer
	// SkipCRDGroups are API groups whose CRDs are not installed (a cluster
	// without Tekton, KServe, ...); the simulator leaves their kinds out.
	SkipCRDGroups []string
	// Execute runs steps, notebooks, builds and model servers for real
	// (internal/execute) for every object not marked simulated.
	Execute bool
	// GitRoot is the directory the cluster's git server serves (default DIR/git).
	GitRoot string
	// CacheDir holds the Python environments (python/install.sh).
	CacheDir string
}

// Up starts a dev cluster and returns its state once everything is ready.
// On failure everything it started is stopped again.
func Up(ctx context.Context, o UpOptions) (st *state.State, err error) {
	t0 := time.Now()
	l := Layout{Dir: o.StateDir}
	if err := prepareDir(l); err != nil {
		return nil, err
	}
	pids := &state.Pids{}
	defer func() {
		if err != nil {
			stopPids(*pids)
			err = fmt.Errorf("%w\n(logs in %s; state dir left for inspection, `devcluster down --state-dir %s` removes it)", err, l.Logs(), l.Dir)
		}
	}()
	step := func(format string, args ...interface{}) {
		fmt.Fprintf(o.Log, "[%5.1fs] %s\n", time.Since(t0).Seconds(), fmt.Sprintf(format, args...))
	}

	files, err := certs.Generate(l.PKI())
	if err != nil {
		return nil, fmt.Errorf("certificates: %w", err)
	}
	ports, err := proc.FreePorts(7)
	if err != nil {
		return nil, fmt.Errorf("pick ports: %w", err)
	}
	etcdPort, peerPort, apiPort, shimPort, admissionPort := ports[0], ports[1], ports[2], ports[3], ports[4]
	serviceAddr, gitAddr := fmt.Sprintf("127.0.0.1:%d", ports[5]), fmt.Sprintf("127.0.0.1:%d", ports[6])
	gitRoot := o.GitRoot
	if gitRoot == "" {
		gitRoot = filepath.Join(l.Dir, "git")
	}
	execute := o.Execute && o.Controllers
	etcdURL := fmt.Sprintf("http://127.0.0.1:%d", etcdPort)
	apiURL := fmt.Sprintf("https://127.0.0.1:%d", apiPort)
	shimURL := fmt.Sprintf("https://127.0.0.1:%d", shimPort)
	step("certificates written; ports etcd=%d apiserver=%d shim=%d", etcdPort, apiPort, shimPort)

	if pids.Etcd, err = startEtcd(o, l, etcdPort, peerPort); err != nil {
		return nil, err
	}
	savePids(l, *pids)
	if pids.APIServer, err = startAPIServer(o, l, files, etcdURL, apiPort); err != nil {
		return nil, err
	}
	savePids(l, *pids)
	step("etcd (pid %d) and kube-apiserver (pid %d) started", pids.Etcd, pids.APIServer)

	if err := waitReady(ctx, apiURL+"/readyz", files, o.Timeout, pids.APIServer, l.Log("kube-apiserver")); err != nil {
		return nil, fmt.Errorf("kube-apiserver not ready: %w", err)
	}
	step("kube-apiserver ready")

	admin, err := kube.NewClients(kube.AdminConfig(apiURL, l.PKI()))
	if err != nil {
		return nil, err
	}
	if err := installManifests(ctx, admin, o.Manifests, o.SkipCRDGroups); err != nil {
		return nil, err
	}
	step("CRDs established, RBAC applied")
	if o.DemoNamespaces {
		for _, ns := range DemoNamespaces {
			if err := EnsureNamespace(ctx, admin, ns, map[string]string{"mlops.dev/demo": "true"}); err != nil {
				return nil, err
			}
		}
	}
	token, expiry, err := mintToken(ctx, admin, BackendAccount, o.TokenTTL)
	if err != nil {
		return nil, err
	}
	scaffolderToken, _, err := mintToken(ctx, admin, ScaffolderAccount, o.TokenTTL)
	if err != nil {
		return nil, err
	}
	caPEM, err := os.ReadFile(files.CACert)
	if err != nil {
		return nil, err
	}
	if err := writeClientFiles(l, files, caPEM, shimURL, apiURL, token); err != nil {
		return nil, err
	}
	step("backend token minted (expires %s)", expiry.Format(time.RFC3339))

	if pids.Shim, err = startShim(o.Self, l, apiURL, shimPort); err != nil {
		return nil, err
	}
	savePids(l, *pids)
	admissionAddr := fmt.Sprintf("127.0.0.1:%d", admissionPort)
	coreArgs := []string{"core", "--api-server", apiURL, "--pki", l.PKI(), "--admission-listen", admissionAddr}
	if pids.Core, err = proc.StartDetached(o.Self, coreArgs, l.Log("core-controllers"), nil); err != nil {
		return nil, err
	}
	savePids(l, *pids)
	if err := registerAdmission(ctx, admin, files, caPEM, admissionAddr, pids.Core, l.Log("core-controllers")); err != nil {
		return nil, err
	}
	step("Tekton validating webhook registered (https://%s)", admissionAddr)
	if o.Controllers {
		simArgs := []string{"sim", "--api-server", apiURL, "--pki", l.PKI(), "--log-store", l.LogStore(),
			"--seed", strconv.FormatInt(o.SimSeed, 10), "--sim-step", o.SimStep.String()}
		if len(o.SkipCRDGroups) > 0 {
			simArgs = append(simArgs, "--skip-groups", strings.Join(o.SkipCRDGroups, ","))
		}
		if execute {
			if err := os.MkdirAll(gitRoot, 0o755); err != nil {
				return nil, err
			}
			simArgs = append(simArgs, "--state-dir", l.Dir, "--server", shimURL,
				"--kubectl", filepath.Join(o.BinDir, "kubectl"), "--python-dir", filepath.Join(filepath.Dir(o.Manifests), "python"),
				"--cache-dir", o.CacheDir, "--service-listen", serviceAddr, "--git-listen", gitAddr, "--git-root", gitRoot)
		}
		if pids.Sim, err = proc.StartDetached(o.Self, simArgs, l.Log("sim"), nil); err != nil {
			return nil, err
		}
		savePids(l, *pids)
	}
	if err := waitReady(ctx, shimURL+"/readyz", files, 20*time.Second, pids.Shim, l.Log("shim")); err != nil {
		return nil, fmt.Errorf("shim not ready: %w", err)
	}
	step("shim ready%s", map[bool]string{true: ", simulated controllers started", false: ""}[o.Controllers])

	version := ""
	if v, err := admin.Kube.Discovery().ServerVersion(); err == nil {
		version = v.GitVersion
	}
	st = &state.State{
		Server: shimURL, APIServer: apiURL,
		CAFile: files.CACert, CAData: base64.StdEncoding.EncodeToString(caPEM),
		AdminKubeconfig: l.AdminKubeconfig(), BackendKubeconfig: l.BackendKubeconfig(), DirectKubeconfig: l.DirectKubeconfig(),
		BackendToken: token, BackendTokenFile: l.TokenFile(), BackendNamespace: BackendNamespace, BackendAccount: BackendAccount,
		TokenExpiry:     expiry.UTC().Format(time.RFC3339),
		ScaffolderToken: scaffolderToken, ScaffolderAccount: ScaffolderAccount,
		Pids: *pids, EtcdDataDir: l.Etcd(), EtcdURL: etcdURL,
		LogDir: l.Logs(), LogStoreDir: l.LogStore(), StateDir: l.Dir,
		Version: version, Controllers: o.Controllers, SimSeed: o.SimSeed, SimStep: o.SimStep.String(),
		StartedAt: t0.UTC().Format(time.RFC3339), ReadySeconds: round1(time.Since(t0).Seconds()),
		BinDir: o.BinDir, SkippedCRDGroups: o.SkipCRDGroups,
	}
	if execute {
		st.Execute = true
		st.ServiceProxy = "http://" + serviceAddr
		st.GitServer = "http://" + gitAddr
		st.GitRoot = gitRoot
		st.PlatformDir = filepath.Join(l.Dir, "platform")
		st.ScrapeTargets = filepath.Join(st.PlatformDir, filepath.FromSlash(state.ScrapeTargetsFile))
	}
	if err := st.Save(l.Dir); err != nil {
		return nil, err
	}
	step("ready: %s", state.Path(l.Dir))
	return st, nil
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

// prepareDir refuses a state dir with a live cluster, clears a dead one and
// creates the layout.
func prepareDir(l Layout) error {
	abs, err := filepath.Abs(l.Dir)
	if err != nil {
		return err
	}
	if abs != l.Dir {
		return fmt.Errorf("state dir must be absolute: %s", l.Dir)
	}
	if p, err := readPids(l); err == nil && anyAlive(p) {
		return fmt.Errorf("a dev cluster is already running in %s (pids %+v); run `devcluster down --state-dir %s` first", l.Dir, p, l.Dir)
	}
	if err := os.RemoveAll(l.Dir); err != nil {
		return err
	}
	for _, d := range []string{l.Dir, l.Logs(), l.LogStore(), l.Etcd()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
	}
	return nil
}

func startEtcd(o UpOptions, l Layout, port, peer int) (int, error) {
	client := fmt.Sprintf("http://127.0.0.1:%d", port)
	peerURL := fmt.Sprintf("http://127.0.0.1:%d", peer)
	args := []string{
		"--name", "dev", "--data-dir", l.Etcd(),
		"--listen-client-urls", client, "--advertise-client-urls", client,
		"--listen-peer-urls", peerURL, "--initial-advertise-peer-urls", peerURL,
		"--initial-cluster", "dev=" + peerURL, "--initial-cluster-state", "new",
		// A throwaway dev store: skip fsync (much faster seeding), warn-level logs.
		"--unsafe-no-fsync", "--log-level", "warn",
		"--quota-backend-bytes", strconv.FormatInt(4<<30, 10),
	}
	return proc.StartDetached(filepath.Join(o.BinDir, "etcd"), args, l.Log("etcd"), nil)
}

// startShim starts the shim daemon in front of the API server.
func startShim(self string, l Layout, apiURL string, port int) (int, error) {
	args := []string{"shim", "--api-server", apiURL, "--listen", fmt.Sprintf("127.0.0.1:%d", port),
		"--pki", l.PKI(), "--log-store", l.LogStore()}
	return proc.StartDetached(self, args, l.Log("shim"), nil)
}

func startAPIServer(o UpOptions, l Layout, f certs.Files, etcdURL string, port int) (int, error) {
	args := []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--tls-cert-file=" + f.ServingCert,
		"--tls-private-key-file=" + f.ServingKey,
		"--client-ca-file=" + f.CACert,
		"--authorization-mode=Node,RBAC",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + f.SAPub,
		"--service-account-signing-key-file=" + f.SAKey,
		"--service-cluster-ip-range=10.96.0.0/16",
		// The default endpoint reconciler refuses a loopback advertise address.
		"--endpoint-reconciler-type=none",
		// No controller-manager runs, so nothing creates each namespace's `default`
		// ServiceAccount; ServiceAccount admission would then refuse every pod.
		"--disable-admission-plugins=ServiceAccount",
		// Room for the scale generator's concurrent writes.
		"--max-requests-inflight=800",
		"--max-mutating-requests-inflight=400",
		"--profiling=false",
		"--v=1",
	}
	return proc.StartDetached(filepath.Join(o.BinDir, "kube-apiserver"), args, l.Log("kube-apiserver"), nil)
}

// waitReady polls url with the admin certificate until it answers 200.
func waitReady(ctx context.Context, url string, f certs.Files, timeout time.Duration, pid int, logFile string) error {
	client, err := adminHTTP(f)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	last := ""
	for time.Now().Before(deadline) {
		if !proc.Alive(pid) {
			return fmt.Errorf("process %d exited; last log lines:\n%s", pid, tail(logFile, 15))
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err == nil {
			b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(b)))
		} else {
			last = err.Error()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s not ready after %s (last: %s); last log lines:\n%s", url, timeout, last, tail(logFile, 15))
}

func adminHTTP(f certs.Files) (*http.Client, error) {
	ca, err := os.ReadFile(f.CACert)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	cert, err := tls.LoadX509KeyPair(f.AdminCert, f.AdminKey)
	if err != nil {
		return nil, err
	}
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}},
	}}, nil
}

func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(no log)"
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func installManifests(ctx context.Context, admin *kube.Clients, dir string, skipGroups []string) error {
	applier, err := kube.NewApplier(admin)
	if err != nil {
		return err
	}
	crds, err := kube.ReadManifests(filepath.Join(dir, "crds"))
	if err != nil {
		return err
	}
	crds = FilterCRDs(crds, skipGroups)
	var names []string
	for _, c := range crds {
		if _, err := applier.Apply(ctx, c); err != nil {
			return fmt.Errorf("install CRD: %w", err)
		}
		names = append(names, c.GetName())
	}
	if err := kube.WaitCRDsEstablished(ctx, admin, names, 30*time.Second); err != nil {
		return err
	}
	applier.Reset()
	skip := map[string]bool{}
	for _, g := range skipGroups {
		skip[g] = true
	}
	for _, sub := range []string{"policies", "tekton", "storage", "openshift-ai", "rbac"} {
		objs, err := kube.ReadManifests(filepath.Join(dir, sub))
		if err != nil {
			return err
		}
		for _, o := range objs {
			if skip[o.GroupVersionKind().Group] {
				continue // a kind the cluster does not serve (up --skip-crds)
			}
			if _, err := applier.Apply(ctx, o); err != nil {
				return fmt.Errorf("install %s: %w", sub, err)
			}
		}
	}
	return nil
}

// EnsureNamespace creates a namespace (with labels) unless it exists.
func EnsureNamespace(ctx context.Context, c *kube.Clients, name string, labels map[string]string) error {
	_, err := c.Kube.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
	}, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("namespace %s: %w", name, err)
	}
	return nil
}

// mintToken asks the TokenRequest API for a token of a ServiceAccount of BackendNamespace.
func mintToken(ctx context.Context, admin *kube.Clients, account string, ttl time.Duration) (string, time.Time, error) {
	secs := int64(ttl.Seconds())
	tr, err := admin.Kube.CoreV1().ServiceAccounts(BackendNamespace).CreateToken(ctx, account, &authv1.TokenRequest{
		Spec: authv1.TokenRequestSpec{ExpirationSeconds: &secs},
	}, metav1.CreateOptions{})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("TokenRequest for %s/%s: %w", BackendNamespace, account, err)
	}
	return tr.Status.Token, tr.Status.ExpirationTimestamp.Time, nil
}

func writeClientFiles(l Layout, f certs.Files, caPEM []byte, shimURL, apiURL, token string) error {
	cert, err := os.ReadFile(f.AdminCert)
	if err != nil {
		return err
	}
	key, err := os.ReadFile(f.AdminKey)
	if err != nil {
		return err
	}
	if err := writeKubeconfig(l.AdminKubeconfig(), shimURL, caPEM, cert, key, "", "admin", "default"); err != nil {
		return err
	}
	if err := writeKubeconfig(l.DirectKubeconfig(), apiURL, caPEM, cert, key, "", "admin", "default"); err != nil {
		return err
	}
	if err := writeKubeconfig(l.BackendKubeconfig(), shimURL, caPEM, nil, nil, token, BackendAccount, BackendNamespace); err != nil {
		return err
	}
	return os.WriteFile(l.TokenFile(), []byte(token), 0o600)
}

func savePids(l Layout, p state.Pids) {
	b, _ := json.Marshal(p)
	_ = os.WriteFile(l.PidsFile(), b, 0o600)
}

func readPids(l Layout) (state.Pids, error) {
	var p state.Pids
	b, err := os.ReadFile(l.PidsFile())
	if err != nil {
		return p, err
	}
	return p, json.Unmarshal(b, &p)
}

func anyAlive(p state.Pids) bool {
	return proc.Alive(p.Etcd) || proc.Alive(p.APIServer) || proc.Alive(p.Shim) || proc.Alive(p.Core) || proc.Alive(p.Sim)
}
