/** Staff tasks and customer lookup against live data: a published journey creates an SOP task from an event; staff complete it; the timeline shows what happened. */
import { ADMIN_KEY, expect, logIn, test, uniqueId } from './fixtures.ts';

test('tasks inbox and customer timeline', async ({ page }) => {
  const headers = { Authorization: `Bearer ${ADMIN_KEY}` };
  const journeyId = uniqueId('welcome-call');
  const event = `${journeyId}-signup`;
  const customer = uniqueId('parent');
  const created = await page.request.post('/v1/journeys', {
    headers,
    data: {
      document: {
        id: journeyId,
        name: { zh: '新家长欢迎电话', en: 'Welcome call for new parents' },
        version: 1,
        stages: [{ id: 'acquisition', name: { zh: '导入区', en: 'Acquisition' } }],
        entry: { trigger: { type: 'event', event }, next: 'stage' },
        nodes: [
          { id: 'stage', kind: 'stage', stage: 'acquisition', next: 'call' },
          { id: 'call', kind: 'action', action: { type: 'task', title: 'Call the parent 给家长打电话', assignee: 'coach-li', dueIn: '1d' }, next: 'end' },
          { id: 'end', kind: 'exit' },
        ],
      },
    },
  });
  expect(created.status()).toBe(201);
  expect((await page.request.post(`/v1/journeys/${journeyId}/publish`, { headers, data: { policy: 'finish' } })).ok()).toBe(true);
  const tracked = await page.request.post('/v1/track', { headers, data: { event, userId: customer, messageId: `${customer}-1`, properties: {} } });
  expect(tracked.ok()).toBe(true);

  await logIn(page, '/tasks');
  await page.getByRole('searchbox').fill('coach-li');
  const task = page.getByTestId('tasks').locator('.task').filter({ hasText: customer });
  await expect(task).toBeVisible({ timeout: 20_000 });
  await expect(task).toContainText('Call the parent');
  await page.screenshot({ path: 'test-results/screens/50-tasks.png' });
  await task.getByRole('button', { name: /完成|Complete/ }).click();
  await expect(page.getByTestId('tasks').locator('.task').filter({ hasText: customer })).toHaveCount(0);

  await page.goto(`/customers/${customer}`);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText(event);
  await expect(timeline).toContainText('acquisition');
  await expect(timeline).toContainText('Call the parent');
  await page.screenshot({ path: 'test-results/screens/51-customer.png' });

  // Live stats put the real numbers on the canvas.
  await page.goto(`/journeys/${journeyId}`);
  await page.getByTestId('tab-stats').click();
  await expect(page.getByTestId('live-stats')).toBeVisible();
  await expect(page.getByTestId('node-stage').getByTestId('node-counts')).toContainText('1');
  await expect(page.getByTestId('stage-chart').locator('canvas')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/52-live-stats.png' });
});
