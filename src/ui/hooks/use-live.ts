// FIRST-LOAD. Subscribes a component to a Dexie liveQuery, so a screen re-renders when any table
// its querier read changes (a local save, another tab, a sync merge). Never writes.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export interface Live<T> {
  /** The latest result; undefined until the first one arrives. */
  value: T | undefined;
  /** The error the querier threw, if its latest run failed. */
  error: unknown;
  loading: boolean;
}

/** Runs `querier` inside liveQuery and keeps its latest result; re-subscribes when `deps` change. */
export function useLive<T>(querier: () => Promise<T> | T, deps: readonly unknown[]): Live<T> {
  const [state, setState] = useState<Live<T>>({ value: undefined, error: undefined, loading: true });
  useEffect(() => {
    setState((s) => ({ value: s.value, error: undefined, loading: true }));
    const sub = liveQuery(querier).subscribe({
      next: (value) => setState({ value, error: undefined, loading: false }),
      error: (error: unknown) => setState((s) => ({ value: s.value, error, loading: false })),
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
