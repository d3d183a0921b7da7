/** Markup in journey names, descriptions, stage names and task titles renders as text: nothing runs, nothing is injected. */
import { ADMIN_KEY, expect, logIn, test, uniqueId } from './fixtures.ts';

const SCRIPT = '<script>window.__xss = 1</script>';
const IMG = '<img src=x onerror="window.__xss = 2">';
const HOSTILE = `${SCRIPT}${IMG}`;

test('script and markup in journey text render literally in the list and the editor', async ({ page }) => {
  const id = uniqueId('hostile');
  const journey = {
    id,
    name: { zh: `名称 ${HOSTILE}`, en: `Name ${HOSTILE}` },
    description: { zh: HOSTILE, en: HOSTILE },
    version: 1,
    stages: [{ id: 'fresh', name: { zh: `阶段 ${IMG}`, en: `Stage ${IMG}` } }],
    entry: { trigger: { type: 'event', event: 'signup' }, next: 's_fresh' },
    nodes: [
      { id: 's_fresh', kind: 'stage', stage: 'fresh', next: 't_call' },
      { id: 't_call', kind: 'action', action: { type: 'task', title: `Call ${SCRIPT}`, assignee: 'alice' }, next: 'x_done' },
      { id: 'x_done', kind: 'exit', reason: HOSTILE },
    ],
  };
  const created = await page.request.post('/v1/journeys', { headers: { Authorization: `Bearer ${ADMIN_KEY}` }, data: { document: journey } });
  expect(created.status()).toBe(201);

  await logIn(page, '/journeys');
  await expect(page.getByTestId('journeys-table')).toContainText(SCRIPT);
  await page.goto(`/journeys/${id}`);
  await expect(page.getByTestId('journey-title')).toContainText(SCRIPT);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('node-t_call')).toContainText('Call');

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // No element was made from the hostile markup: its tags exist only as text.
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('__xss')).length)).toBe(0);
});
