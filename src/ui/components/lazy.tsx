// FIRST-LOAD. Loads a screen's module on demand (its own chunk, precached by the service worker),
// so the first load carries only the shell. Never caches a failed load: the next visit retries.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Part } from '../../i18n/parts.ts';
import { loadWords, t } from '../i18n/index.ts';

/**
 * A component that renders the one `load` resolves to, with a loading line meanwhile; it waits for
 * the screens' words and the catalog `parts` it names too (fetched in parallel with the module).
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>, ...parts: Part[]): ComponentType<P> {
  let cached: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [comp, setComp] = useState<{ c: ComponentType<P> } | undefined>(cached ? { c: cached } : undefined);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (comp) return;
      let alive = true;
      // The screen's words come with it (small chunks, fetched in parallel).
      if (!pending) pending = Promise.all([load(), loadWords('screens', ...parts)]).then(([c]) => c);
      pending.then(
        (c) => {
          cached = c;
          if (alive) setComp({ c });
        },
        (e: unknown) => {
          pending = undefined;
          if (alive) setError(e);
        },
      );
      return () => {
        alive = false;
      };
    }, []);
    if (error) return <p role="alert" class="error">{t('loadFailed', { reason: String(error) })}</p>;
    if (!comp) return <p class="muted">{t('loading')}</p>;
    const C = comp.c;
    return <C {...props} />;
  };
}
