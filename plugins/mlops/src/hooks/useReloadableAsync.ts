import type { DependencyList } from 'react';
import { useCallback, useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * `useAsyncRetry` whose `refresh` is never lost: asked while a read is under way
 * (a live change during the first load), it reads once more when that read ends,
 * so the view cannot stay older than the change. The value stays on screen while
 * reading again.
 *
 * @internal
 */
export function useReloadableAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): { loading: boolean; error?: Error; value?: T; refresh: () => void } {
  const { loading, error, value, retry } = useAsyncRetry(load, deps);
  const again = useRef(false);
  useEffect(() => {
    if (!loading && again.current) {
      again.current = false;
      retry();
    }
  }, [loading, retry]);
  const refresh = useCallback(() => {
    if (loading) {
      again.current = true;
    } else {
      retry();
    }
  }, [loading, retry]);
  return { loading, error, value, refresh };
}
