import { Content, Header, Page } from '@backstage/core-components';
import { MlopsModelsTable } from '../MlopsModelsTable';

/**
 * The ML Models page of the legacy frontend system: a full page with its own
 * header around {@link MlopsModelsTable}.
 *
 * @remarks
 * In the new frontend system the app draws the page header, and the page
 * renders {@link MlopsModelsTable} only.
 *
 * @public
 */
export function MlopsModelsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="ML Models"
        subtitle="Every model in the catalog, and where it runs"
      />
      <Content>
        <MlopsModelsTable />
      </Content>
    </Page>
  );
}
