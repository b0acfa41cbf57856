// Whether a CSS media query matches now, kept up to date: the province's list renders cards on a
// phone and a table on a laptop (one of them, never both in the DOM).
import { useEffect, useState } from 'preact/hooks';

export function useMedia(query: string): boolean {
  const get = () => typeof matchMedia === 'function' && matchMedia(query).matches;
  const [matches, setMatches] = useState(get);
  useEffect(() => {
    const m = matchMedia(query);
    const on = () => setMatches(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return matches;
}
