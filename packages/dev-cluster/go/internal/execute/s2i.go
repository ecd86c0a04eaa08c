package execute

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// An OpenShift Source (S2I) build, run the way the builder does it
// (openshift/builder pkg/build/builder/source.go fetches the source, sti.go runs
// source-to-image): clone spec.source.git at its ref (contextDir below it),
// pull the builder image named by spec.strategy.sourceStrategy.from, run its
// assemble step (the Python builders' assemble is `pip install -r
// requirements.txt`), push the result to the output ImageStreamTag. The
// dev cluster's builder images are OpenShift AI's workbench images
// (redhat-ods-applications); "pulling" one is having its ImageStream tag, and
// its Python packages are python/builder-base.txt. Failures carry the
// builder's reasons: FetchSourceFailed, PullBuilderImageFailed and
// source-to-image's AssembleFailed (openshift/source-to-image
// pkg/util/status/status.go).

// BuildStage is a stage of a build (status.stages).
type BuildStage struct {
	Name     string
	Start    time.Time
	Duration time.Duration
}

// BuildProgress is how far a build got.
type BuildProgress struct {
	Started    time.Time
	Stages     []BuildStage
	Done       bool
	Failed     bool
	Reason     string
	Message    string
	LogSnippet string
	// Digest is the pushed image (Complete builds).
	Digest string
	// Revision is the source commit the build fetched, once it fetched one.
	Revision *BuildRevision
}

// BuildRevision is the commit a build fetched, as OpenShift's builder records
// it in the Build's spec.revision.git (openshift/builder pkg/build/builder,
// updateBuildRevision: commit, message, author, committer).
type BuildRevision struct {
	Commit, Message, AuthorName, AuthorEmail, CommitterName, CommitterEmail string
}

// BuildExecution is one running or finished build.
type BuildExecution struct {
	mu sync.Mutex
	p  BuildProgress
}

// Progress returns a copy of the build's progress.
func (e *BuildExecution) Progress() BuildProgress {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.p
	out.Stages = append([]BuildStage(nil), e.p.Stages...)
	return out
}

func (e *BuildExecution) update(f func(p *BuildProgress)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f(&e.p)
}

// Build returns a build's execution, if it was started.
func (p *Platform) Build(b *unstructured.Unstructured) *BuildExecution {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.builds[string(b.GetUID())]
}

// StartBuild starts a Build; its log goes to the log store (builds/<name>, container build).
func (p *Platform) StartBuild(b *unstructured.Unstructured) *BuildExecution {
	p.mu.Lock()
	if e, ok := p.builds[string(b.GetUID())]; ok {
		p.mu.Unlock()
		return e
	}
	e := &BuildExecution{p: BuildProgress{Started: time.Now()}}
	p.builds[string(b.GetUID())] = e
	p.mu.Unlock()
	go func() {
		p.runBuild(context.Background(), e, b.DeepCopy())
		e.update(func(pr *BuildProgress) { pr.Done = true })
	}()
	return e
}

func (p *Platform) runBuild(ctx context.Context, e *BuildExecution, b *unstructured.Unstructured) {
	ns, name := b.GetNamespace(), b.GetName()
	log, err := p.Logs.Writer(ns, "builds", name, "build")
	if err != nil {
		log = nil
	}
	var out io.Writer = io.Discard
	if log != nil {
		out = log
		defer log.Close()
	}
	defer func() { _ = p.Logs.Finish(ns, "builds", name, "build") }()
	fail := func(reason, message string) {
		if log != nil {
			_ = log.Sync()
		}
		snippet := ""
		if raw, err := p.Logs.Read(ns, "builds", name, "build"); err == nil {
			lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
			if len(lines) > 10 {
				lines = lines[len(lines)-10:]
			}
			snippet = strings.Join(lines, "\n")
		}
		e.update(func(pr *BuildProgress) {
			pr.Failed, pr.Reason, pr.Message, pr.LogSnippet = true, reason, message, snippet
		})
	}
	stage := func(stageName string, start time.Time) {
		e.update(func(pr *BuildProgress) {
			pr.Stages = append(pr.Stages, BuildStage{Name: stageName, Start: start, Duration: time.Since(start)})
		})
	}
	strategy, _, _ := unstructured.NestedString(b.Object, "spec", "strategy", "type")
	if _, ok, _ := unstructured.NestedMap(b.Object, "spec", "strategy", "sourceStrategy"); !ok || (strategy != "" && strategy != "Source") {
		fmt.Fprintf(out, "error: the dev cluster runs Source (S2I) builds only; this build's strategy is %q\n", strategy)
		fail("GenericBuildFailed", "Generic Build failure - check logs for details.")
		return
	}

	// FetchInputs
	start := time.Now()
	work := p.dir("builds", ns, name)
	_ = os.RemoveAll(work)
	src := filepath.Join(work, "src")
	uri, _, _ := unstructured.NestedString(b.Object, "spec", "source", "git", "uri")
	ref, _, _ := unstructured.NestedString(b.Object, "spec", "source", "git", "ref")
	if r, _, _ := unstructured.NestedString(b.Object, "spec", "revision", "git", "commit"); r != "" {
		ref = r
	}
	contextDir, _, _ := unstructured.NestedString(b.Object, "spec", "source", "contextDir")
	fmt.Fprintf(out, "Cloning %q ...\n", uri)
	args := []string{"clone", "--quiet", "--depth", "1"}
	if ref != "" {
		args = append(args, "--branch", ref)
	}
	clone := exec.CommandContext(ctx, "git", append(args, uri, src)...)
	clone.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0")
	clone.Stdout, clone.Stderr = out, out
	if uri == "" || clone.Run() != nil {
		fmt.Fprintf(out, "error: failed to fetch requested repository %q with provided credentials\n", uri)
		fail("FetchSourceFailed", "Failed to fetch the input source.")
		return
	}
	commit := gitOutput(src, "log", "-1", "--format=%H")
	e.update(func(pr *BuildProgress) {
		pr.Revision = &BuildRevision{
			Commit: commit, Message: gitOutput(src, "log", "-1", "--format=%s"),
			AuthorName: gitOutput(src, "log", "-1", "--format=%an"), AuthorEmail: gitOutput(src, "log", "-1", "--format=%ae"),
			CommitterName: gitOutput(src, "log", "-1", "--format=%cn"), CommitterEmail: gitOutput(src, "log", "-1", "--format=%ce"),
		}
	})
	fmt.Fprintf(out, "\tCommit:\t%s (%s)\n\tAuthor:\t%s\n\tDate:\t%s\n", gitOutput(src, "log", "-1", "--format=%h"), gitOutput(src, "log", "-1", "--format=%s"),
		gitOutput(src, "log", "-1", "--format=%an <%ae>"), gitOutput(src, "log", "-1", "--format=%aD"))
	source := filepath.Join(src, filepath.Clean("/"+contextDir))
	if !fileExistsDir(source) {
		fmt.Fprintf(out, "error: provided context directory does not exist: %s\n", contextDir)
		fail("InvalidContextDirectory", "The supplied context directory does not exist.")
		return
	}
	stage("FetchInputs", start)

	// PullImages: the builder image must be an image stream tag the cluster has.
	start = time.Now()
	kind, _, _ := unstructured.NestedString(b.Object, "spec", "strategy", "sourceStrategy", "from", "kind")
	from, _, _ := unstructured.NestedString(b.Object, "spec", "strategy", "sourceStrategy", "from", "name")
	fromNS, _, _ := unstructured.NestedString(b.Object, "spec", "strategy", "sourceStrategy", "from", "namespace")
	if fromNS == "" {
		fromNS = ns
	}
	if err := p.builderImage(ctx, kind, fromNS, from); err != nil {
		fmt.Fprintf(out, "error: %v\n", err)
		fail("PullBuilderImageFailed", "Failed pulling builder image.")
		return
	}
	fmt.Fprintf(out, "Using builder image %s/%s (OpenShift AI workbench image: Python with Jupyter)\n", fromNS, from)
	stage("PullImages", start)

	// Build: assemble installs requirements.txt.
	start = time.Now()
	requirements := filepath.Join(source, "requirements.txt")
	if !fileExists(requirements) {
		requirements = filepath.Join(work, "no-requirements.txt")
		_ = os.WriteFile(requirements, nil, 0o644)
		fmt.Fprintln(out, "---> No requirements.txt: the image gets the builder's packages only")
	} else {
		fmt.Fprintln(out, "---> Installing dependencies ...")
	}
	python, err := p.pythonEnv(ctx, out, "image", requirements)
	if err != nil {
		fmt.Fprintf(out, "error: %v\n", err)
		fail("AssembleFailed", "Assemble script failed.")
		return
	}
	fmt.Fprintln(out, "---> Copying the source to /opt/app-root/src ...")
	stage("Build", start)

	// PushImage
	start = time.Now()
	outRef := outputImage(b)
	fmt.Fprintf(out, "\nPushing image %s ...\n", outRef)
	digest, err := p.push(key(ns, name), filepath.Base(python), commit+"/"+contextDir, source, python)
	if err != nil {
		fmt.Fprintf(out, "error: %v\n", err)
		fail("PushImageToRegistryFailed", "Failed to push the image to the registry.")
		return
	}
	repo := strings.TrimPrefix(outRef, InternalRegistry+"/")
	if i := strings.LastIndex(repo, ":"); i > 0 {
		repo = repo[:i]
	}
	fmt.Fprintf(out, "Successfully pushed %s/%s@%s\nPush successful\n", InternalRegistry, repo, digest)
	stage("PushImage", start)
	e.update(func(pr *BuildProgress) { pr.Digest = digest })
}

// builderImage checks the builder image reference of a Source build.
func (p *Platform) builderImage(ctx context.Context, kind, ns, name string) error {
	if kind != "ImageStreamTag" {
		return fmt.Errorf("builder image %s %q: the dev cluster's builders are the ImageStreamTags of OpenShift AI's workbench images", kind, name)
	}
	isName, tag, ok := strings.Cut(name, ":")
	if !ok {
		tag = "latest"
	}
	is, err := p.Clients.Dynamic.Resource(kube.ImageStream).Namespace(ns).Get(ctx, isName, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return fmt.Errorf("imagestreamtag %s/%s not found: imagestreams.image.openshift.io %q not found", ns, name, isName)
	}
	if err != nil {
		return err
	}
	tags, _, _ := unstructured.NestedSlice(is.Object, "spec", "tags")
	for _, t := range tags {
		if m, _ := t.(map[string]interface{}); m["name"] == tag {
			return nil
		}
	}
	return fmt.Errorf("imagestreamtag %s/%s not found: ImageStream %s has no tag %q", ns, name, isName, tag)
}

// outputImage is the pull spec a build pushes to.
func outputImage(b *unstructured.Unstructured) string {
	name, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "name")
	ns, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "namespace")
	if ns == "" {
		ns = b.GetNamespace()
	}
	if !strings.Contains(name, ":") {
		name += ":latest"
	}
	return fmt.Sprintf("%s/%s/%s", InternalRegistry, ns, name)
}

func gitOutput(dir string, args ...string) string {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	raw, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(raw))
}
