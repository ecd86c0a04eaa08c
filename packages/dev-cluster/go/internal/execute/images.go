package execute

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/sandbox"
)

// toolsDir is where a container finds `oc` and `kubectl` (the platform's
// tools directory, mounted into every sandbox).
const toolsDir = "/opt/devcluster/bin"

// InternalRegistry is the host of OpenShift's integrated image registry, where
// builds push and ImageStreams point.
const InternalRegistry = "image-registry.openshift-image-registry.svc:5000"

// hostPath is the PATH of the host's own tools, which stand in for an image's
// /usr/bin.
const hostPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// ImageKind says what the dev cluster runs for an image.
type ImageKind string

const (
	// ImageCLI is the OpenShift CLI image: bash, the host's tools and oc/kubectl.
	ImageCLI ImageKind = "cli"
	// ImageUBI is a Red Hat Universal Base Image: bash and the host's tools.
	ImageUBI ImageKind = "ubi"
	// ImageBuilt is an image a build of this cluster pushed: its Python
	// environment and its source at /opt/app-root/src.
	ImageBuilt ImageKind = "built"
)

// Image is how the dev cluster runs a container image.
type Image struct {
	Kind ImageKind
	// Ref is the image as the pod names it; ID is the resolved reference
	// (with digest) for imageID fields.
	Ref, ID string
	// Path is the PATH of a process of the image.
	Path string
	// WorkingDir is the image's working directory.
	WorkingDir string
	// Mounts are the image's own files (a built image's source).
	Mounts []sandbox.Mount
}

// ImageError is an image the dev cluster cannot run (Runnable false: it never
// will, e.g. a third-party image; else it cannot be pulled yet, e.g. an
// ImageStream tag no build has pushed to).
type ImageError struct {
	Ref      string
	Runnable bool
	Message  string
}

func (e *ImageError) Error() string { return e.Message }

var (
	cliImage = regexp.MustCompile(`(^|/)(openshift/cli|openshift/origin-cli|openshift4/ose-cli[^/:@]*|origin-cli|ose-cli)([:@]|$)`)
	ubiImage = regexp.MustCompile(`^(registry\.access\.redhat\.com|registry\.redhat\.io)/ubi[0-9]+(/[^:@]+)?([:@]|$)`)
)

// ResolveImage says how a container of namespace ns runs image ref: the
// OpenShift CLI and UBI images run as the host's tools; an image of the
// integrated registry (or an ImageStreamTag with local lookup) runs as what a
// build of this cluster pushed there. Anything else is an ImageError with
// Runnable false.
func (p *Platform) ResolveImage(ctx context.Context, ns, ref string) (*Image, error) {
	tools := toolsDir
	switch {
	case cliImage.MatchString(ref):
		return &Image{Kind: ImageCLI, Ref: ref, ID: ref, Path: tools + ":" + hostPath, WorkingDir: "/"}, nil
	case ubiImage.MatchString(ref):
		return &Image{Kind: ImageUBI, Ref: ref, ID: ref, Path: hostPath, WorkingDir: "/"}, nil
	}
	isNS, isName, tag, digest, ok := imageStreamRef(ns, ref)
	if !ok {
		return nil, &ImageError{Ref: ref, Message: fmt.Sprintf(
			"the dev cluster does not run image %q: it runs the OpenShift CLI and UBI images (as bash with the host's tools and oc) and the images its own builds push to %s", ref, InternalRegistry)}
	}
	if digest == "" {
		is, err := p.Clients.Dynamic.Resource(kube.ImageStream).Namespace(isNS).Get(ctx, isName, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			if !strings.HasPrefix(ref, InternalRegistry+"/") {
				return nil, &ImageError{Ref: ref, Message: fmt.Sprintf("the dev cluster does not run image %q: no ImageStream %s/%s resolves it", ref, isNS, isName)}
			}
			return nil, &ImageError{Ref: ref, Runnable: true, Message: fmt.Sprintf(
				"Back-off pulling image %q: repository %s/%s not found (no ImageStream %s in namespace %s)", ref, isNS, isName, isName, isNS)}
		}
		if err != nil {
			return nil, &ImageError{Ref: ref, Runnable: true, Message: fmt.Sprintf("Back-off pulling image %q: %v", ref, err)}
		}
		if !strings.HasPrefix(ref, InternalRegistry+"/") {
			if local, _, _ := unstructured.NestedBool(is.Object, "spec", "lookupPolicy", "local"); !local {
				return nil, &ImageError{Ref: ref, Message: fmt.Sprintf("the dev cluster does not run image %q: ImageStream %s/%s does not allow local lookup", ref, isNS, isName)}
			}
		}
		digest = latestImage(is, tag)
		if digest == "" {
			return nil, &ImageError{Ref: ref, Runnable: true, Message: fmt.Sprintf(
				"Back-off pulling image %q: manifest unknown: ImageStream %s/%s has no image for tag %q yet (no build has pushed one)", ref, isNS, isName, tag)}
		}
	}
	img, err := p.registryImage(digest)
	if err != nil {
		return nil, &ImageError{Ref: ref, Runnable: true, Message: fmt.Sprintf("Back-off pulling image %q: manifest %s unknown to this cluster's registry (pushed by no build of this cluster)", ref, digest)}
	}
	id := fmt.Sprintf("%s/%s/%s@%s", InternalRegistry, isNS, isName, digest)
	return &Image{Kind: ImageBuilt, Ref: ref, ID: id, Path: filepath.Join(img.Python, "bin") + ":" + tools + ":" + hostPath,
		WorkingDir: "/opt/app-root/src", Mounts: []sandbox.Mount{{Source: img.Source, Target: "/opt/app-root/src"}}}, nil
}

// imageStreamRef reads an image of the integrated registry
// (<registry>/<ns>/<name>[:tag|@digest]) or an ImageStreamTag reference
// (<name>[:tag]) of namespace ns.
func imageStreamRef(ns, ref string) (isNS, name, tag, digest string, ok bool) {
	rest := ref
	if strings.HasPrefix(ref, InternalRegistry+"/") {
		rest = strings.TrimPrefix(ref, InternalRegistry+"/")
		parts := strings.SplitN(rest, "/", 2)
		if len(parts) != 2 {
			return "", "", "", "", false
		}
		ns, rest = parts[0], parts[1]
	} else if strings.ContainsAny(ref, "/") {
		return "", "", "", "", false
	}
	if i := strings.Index(rest, "@"); i >= 0 {
		return ns, rest[:i], "", rest[i+1:], true
	}
	name, tag = rest, "latest"
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		name, tag = rest[:i], rest[i+1:]
	}
	return ns, name, tag, "", name != ""
}

// latestImage is the newest image (its digest) of a tag in an ImageStream's status.
func latestImage(is *unstructured.Unstructured, tag string) string {
	tags, _, _ := unstructured.NestedSlice(is.Object, "status", "tags")
	for _, t := range tags {
		m, _ := t.(map[string]interface{})
		if m["tag"] != tag {
			continue
		}
		items, _ := m["items"].([]interface{})
		if len(items) == 0 {
			return ""
		}
		item, _ := items[0].(map[string]interface{})
		image, _ := item["image"].(string)
		return image
	}
	return ""
}

// fileExistsDir is true for an existing directory.
func fileExistsDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
