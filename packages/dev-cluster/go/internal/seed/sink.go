package seed

import (
	"sort"
	"strings"

	"github.com/backstage-mlops/dev-cluster/internal/logstore"
)

// bufferSink collects logs in memory and writes them whole at the end, so
// re-seeding overwrites logs instead of appending to them.
type bufferSink struct {
	logs map[[4]string]*strings.Builder
}

func newBufferSink() *bufferSink { return &bufferSink{logs: map[[4]string]*strings.Builder{}} }

func (b *bufferSink) Append(ns, kind, name, container, text string) error {
	k := [4]string{ns, kind, name, container}
	if b.logs[k] == nil {
		b.logs[k] = &strings.Builder{}
	}
	b.logs[k].WriteString(text)
	if !strings.HasSuffix(text, "\n") {
		b.logs[k].WriteString("\n")
	}
	return nil
}

func (b *bufferSink) Finish(ns, kind, name, container string) error {
	return b.Append(ns, kind, name, container, "")
}

// flush writes every collected log, finished, to the store.
func (b *bufferSink) flush(store *logstore.Store) error {
	keys := make([][4]string, 0, len(b.logs))
	for k := range b.logs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return strings.Join(keys[i][:], "/") < strings.Join(keys[j][:], "/") })
	for _, k := range keys {
		text := strings.TrimRight(b.logs[k].String(), "\n") + "\n"
		if err := store.Put(k[0], k[1], k[2], k[3], text); err != nil {
			return err
		}
	}
	b.logs = map[[4]string]*strings.Builder{}
	return nil
}
