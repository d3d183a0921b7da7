/** Shared browser-test fixtures: the admin key, a page that records console errors and requests to foreign hosts, and editor helpers. */
import { expect, test as base, type Page } from '@playwright/test';

export const ADMIN_KEY = process.env.E2E_ADMIN_KEY ?? '';

interface Watch {
  consoleErrors: string[];
  foreignRequests: string[];
  /** Console errors a test provokes on purpose (e.g. the browser logging an expected 409). */
  allowConsoleError(pattern: RegExp): void;
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page, baseURL }, use) => {
      const own = new URL(baseURL ?? 'http://localhost').host;
      const allowed: RegExp[] = [];
      const watch: Watch = { consoleErrors: [], foreignRequests: [], allowConsoleError: (pattern) => allowed.push(pattern) };
      page.on('console', (msg) => {
        if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (error) => watch.consoleErrors.push(String(error)));
      page.on('request', (request) => {
        const url = new URL(request.url());
        if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== own) watch.foreignRequests.push(request.url());
      });
      await use(watch);
      expect(watch.foreignRequests, 'requests to hosts other than the page\'s own').toEqual([]);
      expect(watch.consoleErrors.filter((text) => !allowed.some((pattern) => pattern.test(text))), 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app through the start banner's login URL. */
export async function logIn(page: Page, path = '/'): Promise<void> {
  await page.goto(`${path}?key=${encodeURIComponent(ADMIN_KEY)}`);
  await expect(page.locator('.app-header')).toBeVisible();
}

/** A unique journey id for one test run. */
export const uniqueId = (stem: string): string => `${stem}-${Date.now().toString(36)}`;

/** Creates a journey from a template through the gallery and opens it in the editor. */
export async function createFromTemplate(page: Page, templateId: string, journeyId: string): Promise<void> {
  await page.goto('/templates');
  await page.getByTestId(`template-${templateId}`).click();
  await expect(page.getByTestId('preview-diagram')).toBeVisible();
  await page.getByTestId('template-journey-id').fill(journeyId);
  await page.getByTestId('create-from-template').click();
  await expect(page).toHaveURL(new RegExp(`/journeys/${journeyId}$`));
  await expect(page.getByTestId('canvas')).toBeVisible();
}

/** Waits until autosave has nothing pending. */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
}

/** The Monaco text editor of the DSL panel. */
export const dslEditor = (page: Page) => page.getByTestId('dsl-editor-text').locator('.monaco-editor');

/** The draft text as the server stored it (Monaco renders only the visible lines, so the server is the reliable reader). */
export async function draftText(page: Page, journeyId: string): Promise<string> {
  const response = await page.request.get(`/v1/journeys/${journeyId}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  const body = (await response.json()) as { draft: { text: string | null } };
  return body.draft.text ?? '';
}

/**
 * Replaces the first match of `find` in the DSL text editor with `replacement`, the way a user would:
 * find (Ctrl+F), close the find widget with the match selected, type over it.
 */
export async function replaceInDsl(page: Page, find: string, replacement: string): Promise<void> {
  const editor = dslEditor(page);
  await editor.click({ position: { x: 240, y: 16 } });
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  const findInput = editor.locator('.find-widget textarea, .find-widget input').first();
  await findInput.fill(find);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.insertText(replacement);
}
