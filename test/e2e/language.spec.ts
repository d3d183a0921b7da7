/** Switching the language changes every visible label: in English no Chinese is left outside user content, and back again. */
import type { Page } from '@playwright/test';
import { createFromTemplate, dslEditor, expect, logIn, replaceInDsl, test, uniqueId } from './fixtures.ts';

/** Visible text containing Chinese, outside the DSL source, canvas summaries (user content) and the language switch itself. */
async function visibleChinese(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!/[\u4e00-\u9fff]/.test(text)) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('.monaco-editor, .node-summary, .language-switch, option, script, style')) continue;
      if (parent.getClientRects().length === 0) continue;
      found.push(text.trim());
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[type="text"], input:not([type])')) {
      if (/[\u4e00-\u9fff]/.test(input.value) && input.getClientRects().length > 0 && !input.closest('.inspector')) found.push(`input: ${input.value}`);
    }
    return found;
  });
}

async function switchTo(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId(`lang-${language}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test('every visible label follows the language switch', async ({ page }) => {
  await logIn(page);
  const id = uniqueId('ladder-lang');
  await createFromTemplate(page, 'dormancy-ladder', id);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expect(page.getByTestId('journey-settings')).toBeVisible();
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 10_000 });

  await switchTo(page, 'en');
  await expect(page.locator('.app-nav')).toContainText('Journeys');
  expect(await visibleChinese(page), 'editor with journey settings').toEqual([]);
  await page.screenshot({ path: 'test-results/screens/30-editor-en.png' });

  await page.getByTestId('node-w_nudged').click();
  await expect(page.getByTestId('inspector')).toContainText('Wait mode');
  expect(await visibleChinese(page), 'editor with a wait node').toEqual([]);
  await page.getByTestId('node-c_worth_recalling').click();
  expect(await visibleChinese(page), 'editor with a condition node').toEqual([]);
  await page.getByTestId('tab-simulate').click();
  expect(await visibleChinese(page), 'simulator').toEqual([]);

  for (const path of ['/journeys', '/templates', '/templates/dormancy-ladder', '/templates/k12-five-stage', '/tasks', '/customers']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await visibleChinese(page), path).toEqual([]);
  }
  await page.screenshot({ path: 'test-results/screens/31-template-en.png', fullPage: true });

  await switchTo(page, 'zh-CN');
  await expect(page.locator('.app-nav')).toContainText('旅程');
  await expect(page.locator('.app-nav')).not.toContainText('Journeys');
  await page.goto('/templates/dormancy-ladder');
  await expect(page.getByTestId('note-silent')).toContainText('沉默期');
});

test('problems, node badges and Monaco markers speak the operator\'s language', async ({ page }) => {
  await logIn(page);
  await createFromTemplate(page, 'dormancy-ladder', uniqueId('ladder-problem-lang'));
  await switchTo(page, 'en');
  await replaceInDsl(page, '>= recallMinSpend', '>= "lots"');
  const problem = page.getByTestId('problem').filter({ hasText: 'lots' }).first();
  await expect(problem).toContainText('needs a number');
  await expect(dslEditor(page).locator('.squiggly-error').first()).toBeVisible();

  await switchTo(page, 'zh-CN');
  await expect(problem).toContainText('比较值的类型与事实或字段不符');
  await expect(problem).not.toContainText('needs a number');
  await expect(problem.locator('.problem-message')).toHaveAttribute('title', /needs a number/);
  const badge = page.getByTestId('node-c_worth_recalling').getByTestId('node-badge');
  await expect(badge).toHaveAttribute('title', /错误: 比较值的类型/);
  await page.getByTestId('node-c_worth_recalling').click();
  await expect(page.getByTestId('inspector').locator('.inspector-problems')).toContainText('比较值的类型与事实或字段不符');
  await dslEditor(page).locator('.squiggly-error').first().hover({ force: true });
  await expect(page.locator('.monaco-hover').filter({ hasText: '比较值的类型与事实或字段不符' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/32-problems-zh.png' });
});

test('a toast showing while the language changes follows it', async ({ page }) => {
  await logIn(page);
  await createFromTemplate(page, 'dormancy-ladder', uniqueId('ladder-toast-lang'));
  const toast = page.locator('.toast').first();
  await expect(toast).toHaveText('旅程已创建');
  await switchTo(page, 'en');
  await expect(toast).toHaveText('Journey created');
});
