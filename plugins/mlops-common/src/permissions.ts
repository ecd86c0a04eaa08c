import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// Every mlops permission is a resource permission on the model's catalog entity, so a
// policy can allow a team to act only on its own models.

/**
 * Start a training PipelineRun of a model (also rerun).
 *
 * @public
 */
export const mlopsTrainingRunPermission = createPermission({
  name: 'mlops.training.run',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Cancel a running training PipelineRun of a model.
 *
 * @public
 */
export const mlopsTrainingCancelPermission = createPermission({
  name: 'mlops.training.cancel',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start an OpenShift build of a model's BuildConfig.
 *
 * @public
 */
export const mlopsBuildStartPermission = createPermission({
  name: 'mlops.build.start',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Create a NotebookValidationJob for a model's notebook.
 *
 * @public
 */
export const mlopsNotebookValidatePermission = createPermission({
  name: 'mlops.notebook.validate',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Restart the predictor pods of a model's InferenceService.
 *
 * @public
 */
export const mlopsServingRestartPermission = createPermission({
  name: 'mlops.serving.restart',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start or stop a model's workbench.
 *
 * @public
 */
export const mlopsWorkbenchManagePermission = createPermission({
  name: 'mlops.workbench.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission the mlops plugin defines, for registration with the permissions
 * registry and for policy authors.
 *
 * @public
 */
export const mlopsPermissions = [
  mlopsTrainingRunPermission,
  mlopsTrainingCancelPermission,
  mlopsBuildStartPermission,
  mlopsNotebookValidatePermission,
  mlopsServingRestartPermission,
  mlopsWorkbenchManagePermission,
];
