package logstore

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTailLines(t *testing.T) {
	data := []byte("a\nb\nc\n")
	cases := []struct {
		n    int64
		want string
	}{{-1, "a\nb\nc\n"}, {0, ""}, {1, "c\n"}, {2, "b\nc\n"}, {3, "a\nb\nc\n"}, {10, "a\nb\nc\n"}}
	for _, c := range cases {
		if got := string(TailLines(data, c.n)); got != c.want {
			t.Errorf("TailLines(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := string(TailLines([]byte("a\nb"), 1)); got != "b" {
		t.Errorf("unterminated last line: %q", got)
	}
}

func TestStreamLimitAndTail(t *testing.T) {
	s := New(t.TempDir())
	_ = s.Put("ns", "pods", "p", "c", "one\ntwo\nthree\n")
	var b bytes.Buffer
	if err := s.Stream(context.Background(), &b, nil, "ns", "pods", "p", "c", Options{TailLines: 2, LimitBytes: 5}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "two\nt" {
		t.Errorf("got %q", b.String())
	}
	if err := s.Stream(context.Background(), &b, nil, "ns", "pods", "missing", "c", Options{TailLines: -1}); err != ErrNotFound {
		t.Errorf("missing log: err = %v", err)
	}
}

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestFollowStreamsUntilDone(t *testing.T) {
	s := New(t.TempDir())
	_ = s.Append("ns", "pods", "p", "step-a", "first")
	var out syncBuf
	done := make(chan error)
	go func() {
		done <- s.Stream(context.Background(), &out, nil, "ns", "pods", "p", "step-a", Options{Follow: true, TailLines: -1, Poll: 10 * time.Millisecond})
	}()
	time.Sleep(30 * time.Millisecond)
	_ = s.Append("ns", "pods", "p", "step-a", "second")
	time.Sleep(30 * time.Millisecond)
	select {
	case <-done:
		t.Fatal("follow ended before the container finished")
	default:
	}
	_ = s.Append("ns", "pods", "p", "step-a", "third")
	_ = s.Finish("ns", "pods", "p", "step-a")
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("follow did not end after Finish")
	}
	if got := out.String(); got != "first\nsecond\nthird\n" {
		t.Errorf("followed %q", got)
	}
	if !strings.Contains(strings.Join(s.Containers("ns", "pods", "p"), ","), "step-a") {
		t.Error("container not listed")
	}
}

func TestFollowEndsWhenOwnerStops(t *testing.T) {
	s := New(t.TempDir())
	_ = s.Append("ns", "builds", "b", "build", "x")
	var out bytes.Buffer
	err := s.Stream(context.Background(), &out, nil, "ns", "builds", "b", "build", Options{Follow: true, TailLines: -1, Poll: time.Millisecond, StillRunning: func() bool { return false }})
	if err != nil || out.String() != "x\n" {
		t.Fatalf("err=%v out=%q", err, out.String())
	}
}
