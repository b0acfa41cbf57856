// FIRST-LOAD. A screen's heading. After the person moves to another screen it takes the focus,
// so a screen reader announces where they are (hash routing gives no page load to announce).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let focusNextTitle = false;
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    focusNextTitle = true;
  });
}

/** The h1 of a screen. */
export function Title({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusNextTitle && ref.current) {
      focusNextTitle = false;
      ref.current.focus();
    }
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
