// Package cluster starts (`up`) and stops (`down`) a dev cluster: etcd,
// kube-apiserver, the shim and the simulated controllers, all detached
// children whose pids land in DIR/state.json.
package cluster

import "path/filepath"

// Layout of a state dir.
type Layout struct{ Dir string }

func (l Layout) PKI() string               { return filepath.Join(l.Dir, "pki") }
func (l Layout) Logs() string              { return filepath.Join(l.Dir, "logs") }
func (l Layout) LogStore() string          { return filepath.Join(l.Dir, "logstore") }
func (l Layout) Etcd() string              { return filepath.Join(l.Dir, "etcd") }
func (l Layout) Log(name string) string    { return filepath.Join(l.Dir, "logs", name+".log") }
func (l Layout) AdminKubeconfig() string   { return filepath.Join(l.Dir, "admin.kubeconfig") }
func (l Layout) BackendKubeconfig() string { return filepath.Join(l.Dir, "backend.kubeconfig") }
func (l Layout) DirectKubeconfig() string  { return filepath.Join(l.Dir, "admin-direct.kubeconfig") }
func (l Layout) TokenFile() string         { return filepath.Join(l.Dir, "backend.token") }
func (l Layout) PidsFile() string          { return filepath.Join(l.Dir, "pids.json") }
