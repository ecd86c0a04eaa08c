import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CodeSnippet,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
} from '@backstage/plugin-catalog-react';
import {
  MLOPS_ANNOTATION_NAMESPACE,
  MLOPS_ENTITY_TYPE_MODEL,
  type MlopsModelSummary,
  type MlopsServingDaySummary,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useMlopsServingDay } from '../../hooks/useMlopsServingDay';
import { useMlopsSummary } from '../../hooks/useMlopsSummary';
import {
  filterModelRows,
  type ModelRowFilter,
} from '../../lib/filterModelRows';
import { toModelRow, type ModelRow } from '../../lib/modelRow';
import { type SummaryAspectName } from '../../lib/modelSummaryStatus';
import { sortModelRows } from '../../lib/sortModelRows';
import { FreshnessNotices } from '../FreshnessNotices';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { ModelSummaryStatus } from '../ModelSummaryStatus';
import { StatusIndicator } from '../StatusIndicator';
import { ModelFilters } from './ModelFilters';
import { ServingDayCell } from './ServingDayCell';

function aspectColumn(
  title: string,
  aspect: SummaryAspectName,
  summaryLoading: boolean,
): TableColumn<ModelRow> {
  return {
    title,
    field: `summary.${aspect}`,
    render: row => {
      if (row.summary && !row.summary.problem) {
        return <ModelSummaryStatus summary={row.summary} aspect={aspect} />;
      }
      if (summaryLoading && !row.problem) {
        return <Skeleton variant="text" width={80} />;
      }
      return <Typography variant="body2">—</Typography>;
    },
  };
}

function columns(
  summaryLoading: boolean,
  servingDay: { byRef: Map<string, MlopsServingDaySummary>; loading: boolean },
): TableColumn<ModelRow>[] {
  return [
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
    aspectColumn('Last training', 'training', summaryLoading),
    aspectColumn('Serving', 'serving', summaryLoading),
    {
      title: 'Serving, last 24 h',
      render: row => (
        <ServingDayCell
          day={servingDay.byRef.get(row.entityRef.toLocaleLowerCase('en-US'))}
          loading={servingDay.loading}
        />
      ),
    },
    aspectColumn('Last build', 'build', summaryLoading),
    aspectColumn('Last validation', 'validation', summaryLoading),
    {
      title: 'Namespace',
      field: 'namespace',
      render: row =>
        row.problem ? (
          <StatusIndicator tone="warning">{row.problem}</StatusIndicator>
        ) : (
          <>
            {row.namespace}
            {row.cluster && (
              <Typography variant="caption" component="div">
                cluster {row.cluster}
              </Typography>
            )}
          </>
        ),
    },
  ];
}

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

const useStyles = makeStyles(theme => ({
  stack: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
}));

const NO_FILTER: ModelRowFilter = {
  text: '',
  owner: '',
  status: 'all',
  sort: 'name',
};

/**
 * Every `ml-model` entity in the catalog with its owner, last training,
 * serving, last build and last validation (one summary request for all rows),
 * filtered by text, owner and status, and sorted by name or a status column. The body of the
 * ML Models page in both frontend systems.
 *
 * @internal
 */
export function MlopsModelsTable() {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const [filter, setFilter] = useState<ModelRowFilter>(NO_FILTER);
  const catalog = useAsync(async () => {
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
    return response.items;
  }, [catalogApi]);

  const entityRefs = useMemo(
    () => catalog.value?.map(e => stringifyEntityRef(e)),
    [catalog.value],
  );
  const summary = useMlopsSummary(
    entityRefs && entityRefs.length > 0 ? entityRefs : undefined,
  );

  const servingDay = useMlopsServingDay(
    entityRefs && entityRefs.length > 0 ? entityRefs : undefined,
  );
  const servingDayByRef = useMemo(
    () =>
      new Map(
        (servingDay.value?.items ?? []).map(item => [
          item.entityRef.toLocaleLowerCase('en-US'),
          item,
        ]),
      ),
    [servingDay.value],
  );

  const rows = useMemo(() => {
    const byRef = new Map<string, MlopsModelSummary>();
    for (const item of summary.value?.items ?? []) {
      byRef.set(item.entityRef.toLocaleLowerCase('en-US'), item);
    }
    return (catalog.value ?? []).map(entity =>
      toModelRow(
        entity,
        byRef.get(stringifyEntityRef(entity).toLocaleLowerCase('en-US')),
      ),
    );
  }, [catalog.value, summary.value]);

  const owners = useMemo(
    () => [...new Set(rows.flatMap(r => r.ownerNames))].sort(),
    [rows],
  );
  const visible = useMemo(
    () => sortModelRows(filterModelRows(rows, filter), filter.sort),
    [rows, filter],
  );
  const servingDayLoading = servingDay.loading && !servingDay.error;
  const tableColumns = useMemo(
    () =>
      columns(summary.loading && !summary.error, {
        byRef: servingDayByRef,
        loading: servingDayLoading,
      }),
    [summary.loading, summary.error, servingDayByRef, servingDayLoading],
  );

  if (catalog.error) {
    return <ResponseErrorPanel error={catalog.error} />;
  }
  if (catalog.loading || !catalog.value) {
    return <Progress />;
  }
  if (catalog.value.length === 0) {
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
    <div className={classes.stack}>
      {summary.error && (
        <MlopsErrorPanel
          error={summary.error}
          what="status of the models"
          onRetry={summary.refresh}
        />
      )}
      {summary.value?.partialError && (
        <MlopsErrorPanel
          error={summary.value.partialError}
          what="status of every model (the models of the clusters that answered are shown)"
          onRetry={summary.refresh}
        />
      )}
      <FreshnessNotices
        freshness={summary.value?.freshness}
        notInstalled={summary.value?.notInstalled}
      />
      <ModelFilters value={filter} onChange={setFilter} owners={owners} />
      <Table<ModelRow>
        title={`ML models (${
          visible.length === rows.length
            ? rows.length
            : `${visible.length} of ${rows.length}`
        })`}
        columns={tableColumns}
        data={visible}
        options={{
          paging: visible.length > 20,
          pageSize: 20,
          padding: 'dense',
          search: false,
          // Sorting is the "Sort by" control: the table's own sort headers nest
          // interactive elements, which screen readers cannot use.
          sorting: false,
        }}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No model matches the filters.
          </Typography>
        }
      />
    </div>
  );
}
