package execute

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// RegistryImage is what a build of this cluster pushed: a Python environment
// (the builder image's packages plus the project's requirements) and the
// project's source, which the image holds at /opt/app-root/src (S2I's layout).
type RegistryImage struct {
	Digest string `json:"digest"`
	Python string `json:"python"`
	Source string `json:"source"`
	// Build is the Build that pushed it (namespace/name).
	Build string `json:"build"`
}

var digestPattern = strings.NewReplacer(":", "-")

// push stores an image in the cluster's registry and returns its digest: the
// sha256 of its Python environment's key and its source commit.
func (p *Platform) push(build, pythonKey, commit, source string, python string) (string, error) {
	sum := sha256.Sum256([]byte(pythonKey + "\x00" + commit))
	digest := "sha256:" + hex.EncodeToString(sum[:])
	dir := p.dir("registry", digestPattern.Replace(digest))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	src := filepath.Join(dir, "src")
	if !fileExistsDir(src) {
		tmp := src + ".tmp"
		_ = os.RemoveAll(tmp)
		if err := copyTree(source, tmp); err != nil {
			return "", fmt.Errorf("copy the source into the image: %w", err)
		}
		if err := os.Rename(tmp, src); err != nil {
			return "", err
		}
	}
	raw, _ := json.MarshalIndent(RegistryImage{Digest: digest, Python: python, Source: src, Build: build}, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "image.json"), raw, 0o644); err != nil {
		return "", err
	}
	return digest, nil
}

// registryImage reads an image the cluster's registry holds.
func (p *Platform) registryImage(digest string) (*RegistryImage, error) {
	raw, err := os.ReadFile(p.dir("registry", digestPattern.Replace(digest), "image.json"))
	if err != nil {
		return nil, err
	}
	var img RegistryImage
	if err := json.Unmarshal(raw, &img); err != nil {
		return nil, err
	}
	if !fileExistsDir(img.Python) || !fileExistsDir(img.Source) {
		return nil, fmt.Errorf("image %s is incomplete", digest)
	}
	return &img, nil
}

// copyTree copies a directory (files, directories, symlinks), leaving out .git.
func copyTree(src, dst string) error {
	return filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if rel == ".git" || strings.HasPrefix(rel, ".git"+string(filepath.Separator)) {
			if info.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case info.IsDir():
			return os.MkdirAll(target, 0o755)
		default:
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, raw, info.Mode().Perm())
		}
	})
}
