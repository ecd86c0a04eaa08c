import {
  type CompoundEntityRef,
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import {
  CodeSnippet,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StatusWarning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  describeAnnotationProblems,
  MLOPS_ANNOTATION_NAMESPACE,
  MLOPS_ENTITY_TYPE_MODEL,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';

interface ModelRow {
  entity: Entity;
  name: string;
  owners: CompoundEntityRef[];
  owner: string;
  system?: CompoundEntityRef;
  systemName: string;
  namespace?: string;
  namespaceProblem?: string;
  lifecycle: string;
}

function stringField(entity: Entity, field: string): string | undefined {
  const value = entity.spec?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// spec.owner and spec.system may be short refs ("my-team"); EntityRefLink
// builds its link from the ref alone, so complete them here.
function refFromSpec(
  entity: Entity,
  field: string,
  defaultKind: string,
): CompoundEntityRef | undefined {
  const value = stringField(entity, field);
  if (!value) {
    return undefined;
  }
  try {
    return parseEntityRef(value, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace,
    });
  } catch {
    return undefined;
  }
}

// The ownedBy relations, or spec.owner while the catalog has not stitched them.
function ownersOf(entity: Entity): CompoundEntityRef[] {
  const relations = getEntityRelations(entity, RELATION_OWNED_BY);
  if (relations.length > 0) {
    return relations;
  }
  const specOwner = refFromSpec(entity, 'owner', 'group');
  return specOwner ? [specOwner] : [];
}

function toRow(entity: Entity): ModelRow {
  const owners = ownersOf(entity);
  const system = refFromSpec(entity, 'system', 'system');
  const coordinates = readMlopsCoordinates(entity);
  return {
    entity,
    name: entity.metadata.title ?? entity.metadata.name,
    owners,
    owner: owners.map(o => humanizeEntityRef(o)).join(', '),
    system,
    systemName: system ? humanizeEntityRef(system) : '',
    namespace: coordinates.ok ? coordinates.coordinates.namespace : undefined,
    namespaceProblem: coordinates.ok
      ? undefined
      : describeAnnotationProblems(coordinates.problems),
    lifecycle: stringField(entity, 'lifecycle') ?? '',
  };
}

const columns: TableColumn<ModelRow>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: row => <EntityRefLink entityRef={row.entity} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row => <EntityRefLinks entityRefs={row.owners} />,
  },
  {
    title: 'System',
    field: 'systemName',
    render: row =>
      row.system ? <EntityRefLink entityRef={row.system} /> : null,
  },
  {
    title: 'Namespace',
    field: 'namespace',
    render: row =>
      row.namespaceProblem ? (
        <StatusWarning>{row.namespaceProblem}</StatusWarning>
      ) : (
        row.namespace
      ),
  },
  { title: 'Lifecycle', field: 'lifecycle' },
];

const EXAMPLE_MODEL = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: my-model
  annotations:
    ${MLOPS_ANNOTATION_NAMESPACE}: my-namespace
spec:
  type: ${MLOPS_ENTITY_TYPE_MODEL}
  owner: my-team
  lifecycle: experimental`;

/**
 * Every `ml-model` entity in the catalog, with its owner, system, cluster
 * namespace (or what is wrong with its annotations) and lifecycle. The body of
 * the ML Models page in both frontend systems.
 *
 * @internal
 */
export function MlopsModelsTable() {
  const catalogApi = useApi(catalogApiRef);
  const { loading, error, value } = useAsync(async () => {
    const response = await catalogApi.getEntities({
      filter: { kind: 'Component', 'spec.type': MLOPS_ENTITY_TYPE_MODEL },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
        'spec',
        'relations',
      ],
    });
    return response.items.map(toRow);
  }, [catalogApi]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading || !value) {
    return <Progress />;
  }
  if (value.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No ML models in the catalog yet"
        description={`An ML model is a Component with spec.type ${MLOPS_ENTITY_TYPE_MODEL}. Register one, with the ${MLOPS_ANNOTATION_NAMESPACE} annotation naming the cluster namespace that holds its objects, for example:`}
        action={<CodeSnippet text={EXAMPLE_MODEL} language="yaml" />}
      />
    );
  }
  return (
    <Table<ModelRow>
      title={`ML models (${value.length})`}
      columns={columns}
      data={value}
      options={{ paging: value.length > 20, pageSize: 20, padding: 'dense' }}
    />
  );
}
