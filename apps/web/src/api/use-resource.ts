import { useCallback, useEffect, useState } from 'react';
import { useResyncCount } from '../realtime/live-updates';
import { ApiError } from './api-client';

/** Loads something from the API; reload() refetches it (after a write or a live event). */
export function useResource<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | null; error: ApiError | null; loading: boolean; reload: () => Promise<void> } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  // the caller names the dependencies of `load` (as with useEffect), so a new closure each render does not refetch
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null));
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    setLoading(true);
    void reload();
  }, [reload]);
  // after a socket reconnect that was not recovered, live events were missed: load again
  const resyncs = useResyncCount();
  useEffect(() => {
    if (resyncs > 0) void reload();
  }, [resyncs]);
  return { data, error, loading, reload };
}
