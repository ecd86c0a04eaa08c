package admission

import (
	"context"
	"fmt"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// WebhookName is the name Tekton gives its validating webhook
// (config/500-webhooks.yaml), so a denial reads as it does on a real cluster:
// `admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: …`.
const WebhookName = "validation.webhook.pipeline.tekton.dev"

// WebhookConfiguration registers the webhook at url for creates and updates of
// the four tekton.dev/v1 kinds (not their status), failing closed and without
// side effects, as upstream's registration does.
func WebhookConfiguration(url string, caPEM []byte) *admissionregistrationv1.ValidatingWebhookConfiguration {
	fail := admissionregistrationv1.Fail
	none := admissionregistrationv1.SideEffectClassNone
	timeout := int32(10)
	return &admissionregistrationv1.ValidatingWebhookConfiguration{
		ObjectMeta: metav1.ObjectMeta{
			Name:   WebhookName,
			Labels: map[string]string{"app.kubernetes.io/part-of": "tekton-pipelines", "app.kubernetes.io/managed-by": "devcluster"},
		},
		Webhooks: []admissionregistrationv1.ValidatingWebhook{{
			Name:                    WebhookName,
			AdmissionReviewVersions: []string{"v1"},
			ClientConfig:            admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: caPEM},
			FailurePolicy:           &fail,
			SideEffects:             &none,
			TimeoutSeconds:          &timeout,
			Rules: []admissionregistrationv1.RuleWithOperations{{
				Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create, admissionregistrationv1.Update},
				Rule: admissionregistrationv1.Rule{
					APIGroups:   []string{"tekton.dev"},
					APIVersions: []string{"v1"},
					Resources:   []string{"pipelines", "tasks", "pipelineruns", "taskruns"},
				},
			}},
		}},
	}
}

// Install creates or replaces the webhook registration.
func Install(ctx context.Context, kube kubernetes.Interface, cfg *admissionregistrationv1.ValidatingWebhookConfiguration) error {
	api := kube.AdmissionregistrationV1().ValidatingWebhookConfigurations()
	current, err := api.Get(ctx, cfg.Name, metav1.GetOptions{})
	switch {
	case apierrors.IsNotFound(err):
		_, err = api.Create(ctx, cfg, metav1.CreateOptions{})
	case err == nil:
		cfg.ResourceVersion = current.ResourceVersion
		_, err = api.Update(ctx, cfg, metav1.UpdateOptions{})
	}
	if err != nil {
		return fmt.Errorf("register webhook %s: %w", cfg.Name, err)
	}
	return nil
}
