import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** Frames to wait for a lazily loaded page to render its heading. */
const maxFrames = 120;

/**
 * After a navigation (not the first load), focus moves to the new page's main heading, so a
 * keyboard or screen-reader user starts in the content, as after a full page load.
 */
export function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    let frame = 0;
    let handle = requestAnimationFrame(function look() {
      const heading = document.querySelector<HTMLElement>('main#main h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      } else if (++frame < maxFrames) handle = requestAnimationFrame(look);
    });
    return () => cancelAnimationFrame(handle);
  }, [pathname]);
}
