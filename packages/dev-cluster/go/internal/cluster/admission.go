package cluster

import (
	"context"
	"fmt"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/admission"
	"github.com/backstage-mlops/dev-cluster/internal/certs"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// registerAdmission waits until the webhook the core daemon serves on addr is
// up, then registers it with the API server (internal/admission): from then on
// every create or update of a tekton.dev/v1 object goes through it.
func registerAdmission(ctx context.Context, admin *kube.Clients, files certs.Files, caPEM []byte, addr string, pid int, logFile string) error {
	if err := waitReady(ctx, "https://"+addr+"/readyz", files, 20*time.Second, pid, logFile); err != nil {
		return fmt.Errorf("Tekton validating webhook not ready: %w", err)
	}
	cfg := admission.WebhookConfiguration("https://"+addr+admission.Path, caPEM)
	return admission.Install(ctx, admin.Kube, cfg)
}
