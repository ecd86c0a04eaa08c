import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { MlopsMutationResponse } from '@backstage-mlops/plugin-mlops-common';
import { useCallback, useState } from 'react';
import {
  type MlopsMutationRequest,
  mlopsApiRef,
  type MlopsEntityRef,
} from '../api/MlopsApi';
import { backendMessage } from '../lib/backendMessage';
import { namespaceRefusal } from '../lib/namespaceRefusal';

/**
 * Runs mutations of an entity's cluster objects: says what happened in the app's
 * alert bar (what was created, or the backend's message naming what to fix), and
 * tells which mutation is under way so its button shows progress.
 *
 * @internal
 */
export function useMlopsMutation(entityRef: MlopsEntityRef) {
  const mlopsApi = useApi(mlopsApiRef);
  const alertApi = useApi(alertApiRef);
  const [running, setRunning] = useState<string | undefined>();

  const run = useCallback(
    async (
      request: MlopsMutationRequest,
      describe: {
        /** E.g. "Run training", for the failure message. */
        what: string;
        /** What to say when it went well. */
        done: (response: MlopsMutationResponse) => string;
      },
    ): Promise<MlopsMutationResponse | undefined> => {
      setRunning(request.action);
      try {
        const response = await mlopsApi.runMutation(entityRef, request);
        alertApi.post({
          message: describe.done(response),
          severity: 'success',
          display: 'transient',
        });
        return response;
      } catch (error) {
        const refusal = namespaceRefusal(error);
        alertApi.post({
          message: `${describe.what} ${
            refusal ? `refused (${refusal.title})` : 'failed'
          }: ${backendMessage(error as Error)}`,
          severity: 'error',
        });
        return undefined;
      } finally {
        setRunning(undefined);
      }
    },
    [mlopsApi, alertApi, entityRef],
  );

  return { run, running };
}
