/** Simulating the K12 template with its sample cohort: a progress bar, then the stage charts and per-node counts on the canvas. */
import { createFromTemplate, expect, logIn, test, uniqueId } from './fixtures.ts';

test('K12 sample cohort simulation shows the chart and node counts', async ({ page }) => {
  await logIn(page);
  const id = uniqueId('k12-five-stage-sim');
  await createFromTemplate(page, 'k12-five-stage', id);
  await page.getByTestId('open-simulator').click();
  await expect(page.getByTestId('simulator')).toBeVisible();
  await page.getByTestId('sim-template').selectOption('k12-five-stage');
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('sim-progress')).toBeVisible();
  await expect(page.getByTestId('sim-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('stage-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('stage-sankey').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('node-counts').first()).toBeVisible();
  expect(await page.getByTestId('node-counts').count()).toBeGreaterThan(5);
  await page.getByTestId('fit').click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/screens/20-simulation.png' });
});

test('an uploaded NDJSON file is simulated: counts on the canvas, charts, bad lines reported', async ({ page }) => {
  await logIn(page);
  await createFromTemplate(page, 'dormancy-ladder', uniqueId('ladder-ndjson'));
  await page.getByTestId('open-simulator').click();
  await page.getByTestId('simulator').getByRole('radio').nth(1).check();
  const day = 86_400_000;
  const start = Date.parse('2025-03-01T09:00:00Z');
  const lines = Array.from({ length: 12 }, (_, i) => [
    { type: 'identify', userId: `u${i}`, timestamp: new Date(start + i * 3_600_000).toISOString(), traits: { city: 'Hangzhou' } },
    { type: 'track', event: 'purchase', userId: `u${i}`, timestamp: new Date(start + i * 3_600_000 + 60_000).toISOString(), properties: { amount: 100 + i * 50 } },
    ...(i % 3 === 0 ? [{ type: 'track', event: 'purchase', userId: `u${i}`, timestamp: new Date(start + (40 + i) * day).toISOString(), properties: { amount: 80 } }] : []),
  ]).flat().map((event) => JSON.stringify(event));
  const ndjson = [...lines, '{"type":"track","event":"purchase"}'].join('\n');
  await page.getByTestId('sim-file').setInputFiles({ name: 'events.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
  await expect(page.getByTestId('simulator')).toContainText('events.ndjson');
  await expect(page.getByTestId('simulator')).toContainText(String(lines.length + 1));
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('sim-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sim-summary')).toContainText('12');
  // The skipped line in the operator's language (the browser is zh-CN), and in English after a switch.
  await expect(page.getByTestId('simulator').locator('.error-text')).toHaveText(`第 ${lines.length + 1} 行:缺少 "userId"(或 "anonymousId")`);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('simulator').locator('.error-text')).toHaveText(`line ${lines.length + 1}: missing "userId" (or "anonymousId")`);
  await expect(page.getByTestId('stage-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('stage-sankey').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('node-counts').first()).toBeVisible();
  expect(await page.getByTestId('node-counts').count()).toBeGreaterThan(3);
  await page.screenshot({ path: 'test-results/screens/21-simulation-ndjson.png' });
});
