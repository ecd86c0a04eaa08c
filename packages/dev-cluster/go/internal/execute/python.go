package execute

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// pythonEnv runs python/install.sh (which installs an environment from PyPI
// once and caches it) and returns the environment's directory. Installer
// output goes to out (a build log, or nowhere). Calls for the same arguments
// wait for one another.
func (p *Platform) pythonEnv(ctx context.Context, out io.Writer, args ...string) (string, error) {
	k := strings.Join(args, "\x00")
	p.mu.Lock()
	if dir, ok := p.pythonDirs[k]; ok {
		p.mu.Unlock()
		return dir, nil
	}
	m, ok := p.pythonMu[k]
	if !ok {
		m = &sync.Mutex{}
		p.pythonMu[k] = m
	}
	p.mu.Unlock()
	m.Lock()
	defer m.Unlock()
	p.mu.Lock()
	if dir, ok := p.pythonDirs[k]; ok {
		p.mu.Unlock()
		return dir, nil
	}
	p.mu.Unlock()

	if out == nil {
		out = io.Discard
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "bash", append([]string{filepath.Join(p.PythonDir, "install.sh")}, args...)...)
	cmd.Stdout = &stdout
	cmd.Stderr = io.MultiWriter(out, &stderr)
	cmd.Env = append(os.Environ(), "MLOPS_CACHE_DIR="+p.CacheDir)
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s", lastLine(stderr.String(), err.Error()))
	}
	dir := lastLine(stdout.String(), "")
	if !fileExistsDir(dir) {
		return "", fmt.Errorf("install.sh %s printed no environment", strings.Join(args, " "))
	}
	// Image environments are keyed by their requirements file's content: only
	// the serving environment is remembered by its arguments.
	if len(args) == 1 {
		p.mu.Lock()
		p.pythonDirs[k] = dir
		p.mu.Unlock()
	}
	return dir, nil
}

// ServingPython is the model servers' environment (installed on first use).
func (p *Platform) ServingPython(ctx context.Context) (string, error) {
	return p.pythonEnv(ctx, nil, "serving")
}

func lastLine(s, fallback string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return strings.TrimPrefix(l, "install.sh: ")
		}
	}
	return fallback
}
