// Package logstore keeps the container logs that the simulated controllers
// write (there is no kubelet in a dev cluster) and serves them the way the
// kubelet does: whole, tailed, byte-limited or followed.
//
// Layout: <root>/<namespace>/<kind>/<name>/<container>.log, plus an empty
// <container>.done once that container has terminated.
package logstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Store is a log store rooted at a directory.
type Store struct{ Root string }

// New returns a store rooted at root.
func New(root string) *Store { return &Store{Root: root} }

func (s *Store) dir(ns, kind, name string) string {
	return filepath.Join(s.Root, clean(ns), clean(kind), clean(name))
}

func clean(p string) string {
	// Kubernetes names never contain path separators; refuse them anyway.
	return strings.NewReplacer("/", "_", "\\", "_", "..", "__").Replace(p)
}

// Append adds text to a container's log, creating it if needed.
func (s *Store) Append(ns, kind, name, container, text string) error {
	d := s.dir(ns, kind, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(d, clean(container)+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err = f.WriteString(text)
	return err
}

// Writer opens a container's log for appending (a running process's output
// goes straight to it, so a follower sees it as it is written).
func (s *Store) Writer(ns, kind, name, container string) (*os.File, error) {
	d := s.dir(ns, kind, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(d, clean(container)+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
}

// Finish marks a container as terminated: followers stop at the end of its log.
func (s *Store) Finish(ns, kind, name, container string) error {
	d := s.dir(ns, kind, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(d, clean(container)+".log")); os.IsNotExist(err) {
		if err := os.WriteFile(filepath.Join(d, clean(container)+".log"), nil, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(d, clean(container)+".done"), nil, 0o644)
}

// Put writes a whole, finished log at once (used by the seeder).
func (s *Store) Put(ns, kind, name, container, text string) error {
	d := s.dir(ns, kind, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(d, clean(container)+".log"), []byte(text), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(d, clean(container)+".done"), nil, 0o644)
}

// Containers lists the containers with a log for an object, sorted.
func (s *Store) Containers(ns, kind, name string) []string {
	entries, err := os.ReadDir(s.dir(ns, kind, name))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".log") {
			out = append(out, strings.TrimSuffix(n, ".log"))
		}
	}
	sort.Strings(out)
	return out
}

// Exists reports whether a container log exists.
func (s *Store) Exists(ns, kind, name, container string) bool {
	_, err := os.Stat(filepath.Join(s.dir(ns, kind, name), clean(container)+".log"))
	return err == nil
}

// Done reports whether a container has terminated.
func (s *Store) Done(ns, kind, name, container string) bool {
	_, err := os.Stat(filepath.Join(s.dir(ns, kind, name), clean(container)+".done"))
	return err == nil
}

// Read returns a container's whole log.
func (s *Store) Read(ns, kind, name, container string) ([]byte, error) {
	return os.ReadFile(filepath.Join(s.dir(ns, kind, name), clean(container)+".log"))
}

// Options mirror the kubelet's PodLogOptions subset we serve.
type Options struct {
	Follow     bool
	TailLines  int64 // <0: all
	LimitBytes int64 // <=0: no limit
	Poll       time.Duration
	// StillRunning, if set, is asked while following whether the owning object
	// is still running; following also ends when it returns false.
	StillRunning func() bool
}

// ErrNotFound means no log exists for the container.
var ErrNotFound = errors.New("log not found")

// Stream writes the log to w according to opts. With Follow it keeps
// writing new bytes until the container is done (or StillRunning says no, or
// ctx ends). flush is called after each write when non-nil.
func (s *Store) Stream(ctx context.Context, w io.Writer, flush func(), ns, kind, name, container string, opts Options) error {
	path := filepath.Join(s.dir(ns, kind, name), clean(container)+".log")
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return ErrNotFound
		}
		return err
	}
	offset := int64(len(data))
	lw := &limitWriter{w: w, left: opts.LimitBytes}
	if _, err := lw.Write(TailLines(data, opts.TailLines)); err != nil && !errors.Is(err, errLimit) {
		return err
	}
	if flush != nil {
		flush()
	}
	if !opts.Follow || lw.exhausted() {
		return nil
	}
	poll := opts.Poll
	if poll <= 0 {
		poll = 200 * time.Millisecond
	}
	for {
		done := s.Done(ns, kind, name, container) || (opts.StillRunning != nil && !opts.StillRunning())
		n, err := copyFrom(path, offset, lw)
		offset += n
		if err != nil {
			return err
		}
		if n > 0 && flush != nil {
			flush()
		}
		if done || lw.exhausted() {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(poll):
		}
	}
}

func copyFrom(path string, offset int64, w io.Writer) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.Copy(w, f)
	if errors.Is(err, errLimit) {
		err = nil
	}
	return n, err
}

// TailLines returns the last n lines of data (all of it when n < 0). A final
// line without a newline counts as a line.
func TailLines(data []byte, n int64) []byte {
	if n < 0 {
		return data
	}
	if n == 0 {
		return nil
	}
	end := len(data)
	if end > 0 && data[end-1] == '\n' {
		end--
	}
	count := int64(0)
	for i := end - 1; i >= 0; i-- {
		if data[i] == '\n' {
			count++
			if count == n {
				return data[i+1:]
			}
		}
	}
	return data
}

var errLimit = fmt.Errorf("limitBytes reached")

// limitWriter stops writing after left bytes (left <= 0: unlimited).
type limitWriter struct {
	w    io.Writer
	left int64
	used int64
}

func (l *limitWriter) exhausted() bool { return l.left > 0 && l.used >= l.left }

func (l *limitWriter) Write(p []byte) (int, error) {
	if l.left <= 0 {
		return l.w.Write(p)
	}
	room := l.left - l.used
	if room <= 0 {
		return 0, errLimit
	}
	q := p
	if int64(len(q)) > room {
		q = q[:room]
	}
	n, err := l.w.Write(q)
	l.used += int64(n)
	if err != nil {
		return n, err
	}
	if len(q) < len(p) {
		return n, errLimit
	}
	return n, nil
}

// Lines joins lines with newlines (helper for writers of logs).
func Lines(lines ...string) string {
	var b bytes.Buffer
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}
