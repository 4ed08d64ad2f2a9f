import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { type PortalServer, type PortalServerOptions, startPortalServer } from './portal-server.ts';

export { saveScreenshot } from './browser.ts';

/** A running portal and a browser: each test opens its own context (its own cookies). */
export interface Portal extends PortalServer {
  browser: Browser;
  /** A fresh browser context (no cookies) with one page, at the portal's sign-in page. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  /** A fresh page signed in with `token` (a client's portal token, or the admin token). */
  signedInPage(token: string): Promise<Page>;
}

/** Signs in through the sign-in form and waits for the shell. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Starts the server and the browser; call `close` in afterAll. */
export async function openPortal(options: PortalServerOptions = {}): Promise<Portal> {
  const server = await startPortalServer(options);
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];

  const newPage = async () => {
    const context = await browser.newContext({ baseURL: server.url });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto('/');
    return { context, page };
  };

  return {
    ...server,
    browser,
    newPage,
    async signedInPage(token) {
      const { page } = await newPage();
      await signIn(page, token);
      return page;
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await server.close();
    },
  };
}

/** The text of every alert on the page, for assertions on what the user is told. */
export async function alertsOf(page: Page): Promise<string[]> {
  return page.getByRole('alert').allInnerTexts();
}
