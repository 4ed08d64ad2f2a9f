import type { Page } from 'playwright-core';

/**
 * How a page fits a phone: the width the document scrolls to (never more than the viewport's)
 * and the main navigation links that end beyond the viewport's right edge (none: all reachable).
 */
export async function phoneFit(page: Page) {
  return page.evaluate(() => {
    const pageWidth = document.scrollingElement?.scrollWidth ?? 0;
    const links = [...document.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a')];
    const navBeyondRight = links
      .filter((link) => link.getBoundingClientRect().right > window.innerWidth)
      .map((link) => link.textContent ?? '');
    return { pageWidth: Math.max(pageWidth, window.innerWidth), navBeyondRight };
  });
}
