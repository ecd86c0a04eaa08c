package sandbox

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Init is the sandbox's side of Command. It runs as root of the new user and
// mount namespaces: it builds the file tree on Spec.Root (a tmpfs holding the
// host's top-level entries as bind mounts, except where a mount's target lives:
// there the directories are recreated, with the host's other entries bound into
// them, and the mount's source bound at its target), chroots into it and
// replaces itself with the command. It returns only on failure.
func Init() error {
	var spec Spec
	if err := json.Unmarshal([]byte(os.Getenv(specEnv)), &spec); err != nil {
		return fmt.Errorf("sandbox spec: %w", err)
	}
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("make mounts private: %w", err)
	}
	if err := syscall.Mount("tmpfs", spec.Root, "tmpfs", 0, "mode=0755"); err != nil {
		return fmt.Errorf("tmpfs at %s: %w", spec.Root, err)
	}
	t := tree{root: spec.Root, targets: map[string]Mount{}, open: map[string]bool{}}
	for _, m := range sortedMounts(spec.Mounts) {
		target := filepath.Clean(m.Target)
		t.targets[target] = m
		t.openAncestors(target)
	}
	// The tree is built on spec.Root, which must not appear inside itself.
	t.openAncestors(filepath.Clean(spec.Root))
	t.skip = filepath.Clean(spec.Root)
	if err := t.populate("/", true); err != nil {
		return err
	}
	if err := syscall.Chroot(spec.Root); err != nil {
		return fmt.Errorf("chroot: %w", err)
	}
	dir := spec.Dir
	if dir == "" {
		dir = "/"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("working dir %s: %w", dir, err)
	}
	if err := os.Chdir(dir); err != nil {
		return fmt.Errorf("working dir %s: %w", dir, err)
	}
	os.Clearenv()
	for _, kv := range spec.Env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			os.Setenv(k, v)
		}
	}
	path, err := exec.LookPath(spec.Args[0])
	if err != nil {
		return fmt.Errorf("%s: %w", spec.Args[0], err)
	}
	return syscall.Exec(path, spec.Args, spec.Env)
}

type tree struct {
	root    string
	targets map[string]Mount
	// open directories are recreated in the tree rather than bound whole,
	// because a mount target (or the tree's own root) lives below them.
	open map[string]bool
	skip string
}

func (t *tree) openAncestors(p string) {
	for d := filepath.Dir(p); d != "/" && d != "."; d = filepath.Dir(d) {
		t.open[d] = true
	}
}

// populate fills the tree's copy of hostDir: the host's entries (when
// withHost) as binds, then the open directories and mount targets below it.
func (t *tree) populate(hostDir string, withHost bool) error {
	if withHost {
		entries, _ := os.ReadDir(hostDir) // a directory the host lacks has no entries
		for _, e := range entries {
			p := filepath.Join(hostDir, e.Name())
			if _, target := t.targets[p]; target || t.open[p] || p == t.skip {
				continue
			}
			if err := t.bindHost(p); err != nil {
				return err
			}
		}
	}
	var children []string
	for p := range t.open {
		if filepath.Dir(p) == hostDir {
			children = append(children, p)
		}
	}
	for p := range t.targets {
		if filepath.Dir(p) == hostDir && !t.open[p] {
			children = append(children, p)
		}
	}
	sort.Strings(children)
	for _, p := range children {
		inTree := filepath.Join(t.root, p)
		if m, ok := t.targets[p]; ok {
			if err := bind(m.Source, inTree, true); err != nil {
				return fmt.Errorf("mount %s at %s: %w", m.Source, p, err)
			}
			// Deeper targets go into the mounted source; its entries are already there.
			if err := t.populate(p, false); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(inTree, 0o755); err != nil {
			return err
		}
		if err := t.populate(p, withHost); err != nil {
			return err
		}
	}
	return nil
}

// bindHost puts the host's entry p at the same path in the tree.
func (t *tree) bindHost(p string) error {
	inTree := filepath.Join(t.root, p)
	info, err := os.Lstat(p)
	if err != nil {
		return nil // gone meanwhile
	}
	if info.Mode()&os.ModeSymlink != 0 {
		link, err := os.Readlink(p)
		if err != nil {
			return nil
		}
		return os.Symlink(link, inTree)
	}
	if err := bind(p, inTree, true); err != nil {
		// Some host entries cannot be bound in a user namespace; the step does
		// not need them.
		return nil
	}
	return nil
}

// bind mounts source at target (recursively for a directory), creating the
// mount point.
func bind(source, target string, recursive bool) error {
	info, err := os.Stat(source)
	if err != nil {
		return err
	}
	if info.IsDir() {
		if err := os.MkdirAll(target, 0o755); err != nil {
			return err
		}
	} else {
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		f.Close()
	}
	flags := uintptr(syscall.MS_BIND)
	if recursive {
		flags |= syscall.MS_REC
	}
	return syscall.Mount(source, target, "", flags, "")
}
