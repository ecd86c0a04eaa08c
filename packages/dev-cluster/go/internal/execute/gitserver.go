package execute

import (
	"context"
	"net"
	"net/http"
	"net/http/cgi"
	"os/exec"
	"strings"
	"time"
)

// GitServer serves the git repositories under a directory over git's smart
// HTTP protocol (git http-backend, read-only): the dev cluster's stand-in for
// a git server the cluster can reach. http://<addr>/<name> is the repository
// <root>/<name> (a bare repository, or a work tree's .git).
type GitServer struct {
	Root string
}

// Serve listens on addr until ctx ends.
func (g *GitServer) Serve(ctx context.Context, addr string) error {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		return err
	}
	backend := &cgi.Handler{
		Path: gitPath,
		Args: []string{"http-backend"},
		Env:  []string{"GIT_PROJECT_ROOT=" + g.Root, "GIT_HTTP_EXPORT_ALL=1"},
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read-only: no pushes.
		if strings.HasSuffix(r.URL.Path, "/git-receive-pack") || r.URL.Query().Get("service") == "git-receive-pack" {
			http.Error(w, "the dev cluster's git server is read-only", http.StatusForbidden)
			return
		}
		backend.ServeHTTP(w, r)
	})
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}
