// Package admission is the dev cluster's stand-in for the Tekton Pipelines
// validating webhook (`validation.webhook.pipeline.tekton.dev`): it rejects the
// tekton.dev/v1 Pipelines, Tasks, PipelineRuns and TaskRuns the real webhook
// rejects, for the fields the project's manifests use. The rules are written
// from the upstream sources named next to each one (tektoncd/pipeline at
// 3ee1745ae5b2d9175b11917d7c1935eaad44910c); no upstream code is copied.
//
//   - Feature-gated fields are checked against the `feature-flags` ConfigMap of
//     the Tekton namespace, exactly as upstream reads it
//     (pkg/apis/config/feature_flags.go: a key that is absent takes Tekton's
//     default): `params[].enum` needs `enable-param-enum`
//     (pkg/apis/pipeline/v1/param_types.go, validateParamEnums) and `when[].cel`
//     needs `enable-cel-in-whenexpression` (when_validation.go). The dev cluster
//     installs that ConfigMap with OpenShift Pipelines' values
//     (manifests/tekton/feature-flags.yaml).
//   - v1beta1-only fields on v1 objects: the webhook decodes with unknown fields
//     disallowed (cmd/webhook/main.go passes `true` to knative's
//     validation.NewAdmissionController), so a field that reaches it and that v1
//     does not have is refused as `json: unknown field` (docs/migrating-v1beta1-to-v1.md
//     lists them).
//   - Variables: a Task (created directly) may reference only the params it
//     declares (task_validation.go, ValidateUsageOfDeclaredParameters), only
//     `context.taskRun.{name,namespace,uid}` and `context.task.{name,retry-count}`
//     (validateTaskContextVariables) and only its declared results
//     (validateTaskResultsVariables); a Pipeline's task params and when
//     expressions only its declared params and `context.pipelineRun.{name,namespace,uid}`,
//     `context.pipeline.name`, `context.pipelineTask.retries`
//     (pipeline_validation.go). NOTE: upstream does NOT reject
//     `$(context.pipelineRun.name)` inside a Task's script: it validates only
//     the `context.taskRun` and `context.task` prefixes there, and leaves the
//     text unsubstituted at run time (docs/variables.md lists context.pipelineRun.*
//     under "Variables available in a Pipeline" only). So neither does this package.
//
// The webhook answers like knative's admission controller: a denial's message is
// "validation failed: <message>: <field path>", one line per problem.
package admission
