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
