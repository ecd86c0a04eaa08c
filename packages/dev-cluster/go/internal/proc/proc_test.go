package proc

import (
	"path/filepath"
	"testing"
	"time"
)

func TestFreePortsDistinct(t *testing.T) {
	ports, err := FreePorts(8)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, p := range ports {
		if p <= 0 || seen[p] {
			t.Fatalf("bad ports %v", ports)
		}
		seen[p] = true
	}
}

func TestStartDetachedAndStop(t *testing.T) {
	pid, err := StartDetached("/bin/sleep", []string{"30"}, filepath.Join(t.TempDir(), "log"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !Alive(pid) || !CmdlineContains(pid, "sleep") {
		t.Fatal("child not running")
	}
	if err := Stop(pid, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	if Alive(pid) {
		t.Fatal("child still alive")
	}
}
