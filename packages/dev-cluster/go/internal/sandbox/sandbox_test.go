package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == InitCommand {
		if err := Init(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(127)
		}
	}
	os.Exit(m.Run())
}

func TestMountsAppearAtTheirPathsOverTheHostTree(t *testing.T) {
	self, _ := os.Executable()
	if err := Available(self); err != nil {
		t.Skip(err)
	}
	base := t.TempDir()
	models := filepath.Join(base, "models")
	results := filepath.Join(base, "results")
	tmp := filepath.Join(base, "tmp")
	root := filepath.Join(base, "root")
	for _, d := range []string{models, results, tmp, root} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(models, "model.pkl"), []byte("weights\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `set -e
cat /mnt/models/model.pkl
echo trained > /mnt/models/candidate
echo healthy > /tekton/results/model-health
echo scratch > /tmp/scratch
test -x /bin/sh && echo host-tools
pwd`
	cmd, err := Command(self, Spec{
		Args: []string{"sh", "-c", script},
		Env:  []string{"PATH=/usr/local/bin:/usr/bin:/bin"},
		Dir:  "/workspace/source",
		Root: root,
		Mounts: []Mount{
			{Source: models, Target: "/mnt/models"},
			{Source: results, Target: "/tekton/results"},
			{Source: tmp, Target: "/tmp"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got := strings.Fields(string(out)); strings.Join(got, " ") != "weights host-tools /workspace/source" {
		t.Fatalf("output %q", out)
	}
	for path, want := range map[string]string{
		filepath.Join(models, "candidate"):     "trained\n",
		filepath.Join(results, "model-health"): "healthy\n",
		filepath.Join(tmp, "scratch"):          "scratch\n",
	} {
		b, err := os.ReadFile(path)
		if err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", path, b, err)
		}
	}
	// Nothing was created on the host's own /mnt or /.
	if _, err := os.Stat("/mnt/models/candidate"); err == nil {
		t.Error("the step wrote to the host's /mnt")
	}
	if _, err := os.Stat("/tekton"); err == nil {
		t.Error("the sandbox created /tekton on the host")
	}
}

func TestAFailingCommandKeepsItsExitCode(t *testing.T) {
	self, _ := os.Executable()
	if err := Available(self); err != nil {
		t.Skip(err)
	}
	base := t.TempDir()
	cmd, err := Command(self, Spec{Args: []string{"sh", "-c", "exit 3"}, Env: []string{"PATH=/usr/bin:/bin"}, Root: base,
		Mounts: []Mount{{Source: t.TempDir(), Target: "/tmp"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = cmd.Run()
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 3 {
		t.Fatalf("exit: %v", err)
	}
}
