// Package sandbox runs one process the way a container runtime would run a
// container of a pod, as far as the dev cluster needs it: in its own mount
// namespace, where the volumes of the pod are mounted at their paths (a
// workspace at /mnt/models, Tekton's /tekton/results, a private /tmp) over the
// host's own filesystem, which stands in for the image. There is no network
// namespace (the process reaches the API server and the model servers on
// loopback) and no cgroup; the process runs as root of a new user namespace,
// which maps to the user that runs the dev cluster, so it can do nothing that
// user cannot.
//
// The process is the dev cluster's own binary re-executed as `sandbox-init`
// inside the new namespaces (Go cannot run code between clone and exec): it
// builds the file tree, chroots into it and executes the command.
package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
)

// InitCommand is the argument that makes the dev cluster's binary act as the
// sandbox's init (see Init).
const InitCommand = "sandbox-init"

// specEnv carries the JSON Spec from Command to Init.
const specEnv = "DEVCLUSTER_SANDBOX_SPEC"

// Mount puts a host directory (or file) at a path inside the sandbox.
type Mount struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// Spec is one process to run in a sandbox.
type Spec struct {
	// Args is the command and its arguments; Args[0] is looked up in the PATH of Env.
	Args []string `json:"args"`
	// Env is the whole environment of the process.
	Env []string `json:"env"`
	// Dir is the working directory inside the sandbox (created when missing).
	Dir string `json:"dir"`
	// Mounts are mounted in order of depth; each Target must be absolute.
	Mounts []Mount `json:"mounts"`
	// Root is an empty host directory the sandbox's file tree is built on.
	Root string `json:"root"`
}

var (
	availableOnce sync.Once
	availableErr  error
)

// Available reports whether this machine lets the dev cluster create user and
// mount namespaces (some distributions forbid unprivileged user namespaces);
// without them no step, notebook or model server can run.
func Available(self string) error {
	availableOnce.Do(func() {
		dir, err := os.MkdirTemp("", "devcluster-sandbox-check-")
		if err != nil {
			availableErr = err
			return
		}
		defer os.RemoveAll(dir)
		root := filepath.Join(dir, "root")
		if err := os.Mkdir(root, 0o755); err != nil {
			availableErr = err
			return
		}
		cmd, err := Command(self, Spec{Args: []string{"true"}, Env: []string{"PATH=/usr/bin:/bin"}, Dir: "/", Root: root,
			Mounts: []Mount{{Source: dir, Target: "/tmp"}}})
		if err != nil {
			availableErr = err
			return
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			availableErr = fmt.Errorf("cannot create user and mount namespaces here (%v: %s); the dev cluster runs no step, notebook or model server without them", err, strings.TrimSpace(string(out)))
		}
	})
	return availableErr
}

// Command returns a command that runs spec in a sandbox. The caller sets its
// output and starts it; the process leads its own process group, so killing
// -pid stops it and everything it started.
func Command(self string, spec Spec) (*exec.Cmd, error) {
	if len(spec.Args) == 0 {
		return nil, errors.New("sandbox: no command")
	}
	if !filepath.IsAbs(spec.Root) {
		return nil, fmt.Errorf("sandbox: root %q is not absolute", spec.Root)
	}
	for _, m := range spec.Mounts {
		if !filepath.IsAbs(m.Target) || !filepath.IsAbs(m.Source) {
			return nil, fmt.Errorf("sandbox: mount %s -> %s: both paths must be absolute", m.Source, m.Target)
		}
	}
	raw, err := json.Marshal(spec)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, InitCommand)
	cmd.Env = []string{specEnv + "=" + string(raw)}
	uid, gid := os.Getuid(), os.Getgid()
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:                 syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
		UidMappings:                []syscall.SysProcIDMap{{ContainerID: 0, HostID: uid, Size: 1}},
		GidMappings:                []syscall.SysProcIDMap{{ContainerID: 0, HostID: gid, Size: 1}},
		GidMappingsEnableSetgroups: false,
		Setpgid:                    true,
	}
	return cmd, nil
}

// Kill stops a sandboxed process and everything it started.
func Kill(cmd *exec.Cmd) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

// sortedMounts orders mounts so that a parent is mounted before a child.
func sortedMounts(ms []Mount) []Mount {
	out := append([]Mount(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.Count(filepath.Clean(out[i].Target), "/") < strings.Count(filepath.Clean(out[j].Target), "/")
	})
	return out
}
