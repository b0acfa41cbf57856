// FIRST-LOAD. A tiny hash router: `#/thon/T01` → ['thon', 'T01']. Hash routes keep every screen
// served by the one precached index.html, online or not. Never touches data.
import { useEffect, useState } from 'preact/hooks';

/** The path segments of a hash like `#/thon/T01`. */
export function parseHash(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** The link for a route: href('thon', 'T01') → '#/thon/T01'. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

/** Goes to a route made like href(). */
export function navigate(...segments: string[]): void {
  window.location.hash = href(...segments);
}

/** The current route's segments; re-renders on hash change. */
export function useRoute(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => {
      setHash(window.location.hash);
      window.scrollTo(0, 0); // a new screen starts at its top, like a page load would
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
}
