// The year a reviewer's pages show: last year until the reviewer chooses one (the dossiers of a
// year come in early the next), whichever page of the province it opens first — the list, or a
// commune's review from a link.
import { useEffect } from 'preact/hooks';
import { getMeta, setMeta } from '../../db/index.ts';

/** Sets the year under review to last year when none was chosen yet. */
export function useYearUnderReview(): void {
  useEffect(() => {
    void getMeta('currentYear').then((y) => (typeof y === 'number' ? undefined : setMeta('currentYear', new Date().getFullYear() - 1)));
  }, []);
}
