// Package state reads and writes DIR/state.json, the contract between
// `devcluster up` and everything that uses the cluster (jest global setup,
// benchmarks, the quick-start command).
package state

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// FileName is the name of the state file inside the state dir.
const FileName = "state.json"

// State is written by `up` once everything is ready. Field names are part of
// the contract documented in GO.md; add fields, never rename them.
type State struct {
	// Server is the URL clients use: the shim, which passes every request
	// through to the API server except the few a CRD cannot serve.
	Server string `json:"server"`
	// APIServer is the real kube-apiserver URL (admin/debug use).
	APIServer         string `json:"apiServer"`
	CAFile            string `json:"caFile"`
	CAData            string `json:"caData"` // base64 of the CA PEM
	AdminKubeconfig   string `json:"adminKubeconfig"`
	BackendKubeconfig string `json:"backendKubeconfig"`
	// DirectKubeconfig uses the admin certificate against APIServer (no shim).
	DirectKubeconfig string `json:"directKubeconfig"`
	BackendToken     string `json:"backendToken"`
	BackendTokenFile string `json:"backendTokenFile"`
	BackendNamespace string `json:"backendNamespace"`
	BackendAccount   string `json:"backendServiceAccount"`
	TokenExpiry      string `json:"backendTokenExpiry"`
	// ScaffolderToken is a token of ScaffolderAccount (in BackendNamespace), the
	// identity of the scaffolder actions; same lifetime as the backend's.
	ScaffolderToken   string  `json:"scaffolderToken"`
	ScaffolderAccount string  `json:"scaffolderServiceAccount"`
	Pids              Pids    `json:"pids"`
	EtcdDataDir       string  `json:"etcdDataDir"`
	EtcdURL           string  `json:"etcdUrl"`
	LogDir            string  `json:"logDir"`
	LogStoreDir       string  `json:"logStoreDir"`
	StateDir          string  `json:"stateDir"`
	Version           string  `json:"version"`
	Controllers       bool    `json:"controllers"`
	SimSeed           int64   `json:"simSeed"`
	SimStep           string  `json:"simStep"`
	StartedAt         string  `json:"startedAt"`
	ReadySeconds      float64 `json:"readySeconds"`
	// BinDir holds the etcd and kube-apiserver binaries `up` started (used by
	// start-component to restart the API server the same way).
	BinDir string `json:"binDir,omitempty"`
	// SkippedCRDGroups are the API groups `up --skip-crds` left out.
	SkippedCRDGroups []string `json:"skippedCrdGroups,omitempty"`
	// Execute: the simulator runs steps, notebooks, builds and model servers
	// for real (up without --no-execute).
	Execute bool `json:"execute"`
	// ServiceProxy is the cluster's service network: an HTTP proxy that
	// reaches http://<service>.<namespace>.svc[.cluster.local] (model servers).
	ServiceProxy string `json:"serviceProxy,omitempty"`
	// GitServer serves the repositories under GitRoot: GitServer + "/<name>".
	GitServer string `json:"gitServer,omitempty"`
	GitRoot   string `json:"gitRoot,omitempty"`
	// PlatformDir holds the executed work: volumes/<namespace>/<claim> (the
	// PersistentVolumeClaims' data), runs, builds and the image registry.
	PlatformDir string `json:"platformDir,omitempty"`
	// ScrapeTargets is the Prometheus file_sd file listing the metrics
	// endpoints of the model servers the platform runs, labelled namespace,
	// pod and container as a real cluster's scrape labels them.
	ScrapeTargets string `json:"scrapeTargets,omitempty"`
}

// Pids of the processes started by `up` (0 when not started).
type Pids struct {
	Etcd      int `json:"etcd"`
	APIServer int `json:"apiserver"`
	Shim      int `json:"shim"`
	Core      int `json:"coreControllers"`
	Sim       int `json:"sim,omitempty"`
}

// ScrapeTargetsFile is where, under PlatformDir, the execution platform
// writes the ScrapeTargets file.
const ScrapeTargetsFile = "prometheus/model-servers.json"

// Path returns the state file path for a state dir.
func Path(dir string) string { return filepath.Join(dir, FileName) }

// Load reads the state of dir.
func Load(dir string) (*State, error) {
	b, err := os.ReadFile(Path(dir))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("no dev cluster in %s (state.json missing; run `devcluster up --state-dir %s`)", dir, dir)
		}
		return nil, err
	}
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("parse %s: %w", Path(dir), err)
	}
	return &s, nil
}

// Save writes the state atomically (temp file + rename).
func (s *State) Save(dir string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	tmp := Path(dir) + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, Path(dir))
}
