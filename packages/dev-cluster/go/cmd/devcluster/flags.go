package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// cacheDir is ${MLOPS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/backstage-mlops},
// where build.sh keeps the binaries and python/install.sh the Python environments.
func cacheDir() string {
	base := os.Getenv("MLOPS_CACHE_DIR")
	if base == "" {
		xdg := os.Getenv("XDG_CACHE_HOME")
		if xdg == "" {
			home, _ := os.UserHomeDir()
			xdg = filepath.Join(home, ".cache")
		}
		base = filepath.Join(xdg, "backstage-mlops")
	}
	return base
}

// defaultStateDir is <cacheDir>/dev-cluster/state/default.
func defaultStateDir() string {
	return filepath.Join(cacheDir(), "dev-cluster", "state", "default")
}

func stateDirFlag(fs *flag.FlagSet) *string {
	return fs.String("state-dir", defaultStateDir(), "state directory of the cluster (absolute or relative to cwd)")
}

func absDir(p string) (string, error) {
	if p == "" {
		return "", errors.New("--state-dir is empty")
	}
	return filepath.Abs(p)
}

// findManifests resolves the manifests dir: flag, $DEVCLUSTER_MANIFESTS, then
// a search upward from the working directory for manifests/crds or
// packages/dev-cluster/manifests/crds.
func findManifests(flagValue string) (string, error) {
	check := func(d string) bool {
		st, err := os.Stat(filepath.Join(d, "crds"))
		return err == nil && st.IsDir()
	}
	for _, c := range []string{flagValue, os.Getenv("DEVCLUSTER_MANIFESTS")} {
		if c == "" {
			continue
		}
		abs, err := filepath.Abs(c)
		if err != nil {
			return "", err
		}
		if !check(abs) {
			return "", fmt.Errorf("%s has no crds/ directory", abs)
		}
		return abs, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		for _, c := range []string{filepath.Join(d, "manifests"), filepath.Join(d, "packages", "dev-cluster", "manifests")} {
			if check(c) {
				return c, nil
			}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", errors.New("cannot find the dev-cluster manifests: pass --manifests packages/dev-cluster/manifests or set DEVCLUSTER_MANIFESTS")
}

// selfDir is the directory of this executable (where build.sh puts etcd and kube-apiserver).
func selfDir() (string, string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", "", err
	}
	exe, err = filepath.EvalSymlinks(exe)
	if err != nil {
		return "", "", err
	}
	return exe, filepath.Dir(exe), nil
}
