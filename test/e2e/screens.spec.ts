/** A visual tour: every screen at 1440×900 in both languages, saved to test-results/screens/ for a person to look at; large journeys open legibly. */
import type { Page } from '@playwright/test';
import { createFromTemplate, expect, logIn, test, uniqueId } from './fixtures.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });

async function switchTo(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId(`lang-${language}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** The canvas zoom level React Flow applied to its viewport. */
async function canvasZoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

test('a 74-node journey opens legibly, centred on its entry, and fits on demand', async ({ page }) => {
  await logIn(page);
  await createFromTemplate(page, 'k12-five-stage', uniqueId('k12-screens'));
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.waitForTimeout(400);
  expect(await canvasZoom(page)).toBeGreaterThanOrEqual(0.6);
  await expect(page.getByTestId('node-entry')).toBeInViewport();
  await shot(page, '70-k12-open');
  await page.getByTestId('fit').click();
  await page.waitForTimeout(500);
  expect(await canvasZoom(page)).toBeLessThan(0.6);
  await shot(page, '71-k12-fit');
});

test('every screen in Chinese and in English', async ({ page }) => {
  await logIn(page);
  const id = uniqueId('ladder-screens');
  await createFromTemplate(page, 'dormancy-ladder', id);
  await page.waitForTimeout(400);
  for (const language of ['zh-CN', 'en'] as const) {
    await switchTo(page, language);
    await page.goto(`/journeys/${id}`);
    await expect(page.getByTestId('canvas')).toBeVisible();
    await page.waitForTimeout(400);
    await shot(page, `80-${language}-editor`);
    await page.getByTestId('node-c_worth_recalling').click();
    await shot(page, `81-${language}-condition`);
    await page.getByTestId('tab-problems').click();
    await shot(page, `82-${language}-problems`);
    await page.getByTestId('tab-simulate').click();
    await page.getByTestId('sim-run').click();
    await expect(page.getByTestId('sim-summary')).toBeVisible({ timeout: 60_000 });
    await shot(page, `83-${language}-simulator`);
    await page.getByTestId('tab-stats').click();
    await shot(page, `84-${language}-stats`);
    await page.getByTestId('publish').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.waitForTimeout(400);
    await shot(page, `85-${language}-publish`);
    await page.keyboard.press('Escape');
    for (const [path, name] of [['/journeys', '86-journeys'], ['/templates', '87-templates'], ['/templates/k12-five-stage', '88-template-k12'], ['/tasks', '89-tasks'], ['/customers', '90-customers']] as const) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await shot(page, `${name}-${language}`);
    }
  }
});
