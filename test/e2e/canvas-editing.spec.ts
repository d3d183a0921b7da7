/** Canvas editing: copy/paste, delete, undo/redo with the keyboard, multi-select, auto-layout; autosave conflicts are reported, never overwritten. */
import { ADMIN_KEY, createFromTemplate, draftText, expect, logIn, test, uniqueId, waitSaved } from './fixtures.ts';

test('copy, paste, delete, undo and redo on the canvas', async ({ page }) => {
  await logIn(page);
  const id = uniqueId('ladder-canvas');
  await createFromTemplate(page, 'dormancy-ladder', id);

  await page.getByTestId('node-a_keep_in_touch').click();
  await expect(page.getByTestId('node-id')).toHaveValue('a_keep_in_touch');
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+V');
  await expect(page.getByTestId('node-a_keep_in_touch_2')).toBeVisible();

  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-a_keep_in_touch_2')).toHaveCount(0);
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('node-a_keep_in_touch_2')).toBeVisible();
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('node-a_keep_in_touch_2')).toHaveCount(0);

  // Multi-select, then delete both: the chain is bridged over them.
  await page.getByTestId('node-s_lost').click();
  await page.getByTestId('node-a_tag_lost').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('inspector')).toContainText(/2/);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-s_lost')).toHaveCount(0);
  await expect(page.getByTestId('node-a_tag_lost')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-s_lost')).toBeVisible();

  await page.getByTestId('auto-layout').click();
  await page.getByTestId('save').click();
  await waitSaved(page);
  expect(await draftText(page, id)).toContain('layout {');
});

test('a draft saved elsewhere meanwhile is a conflict: reported, not overwritten', async ({ page, watch }) => {
  watch.allowConsoleError(/status of 409/);
  await logIn(page);
  const id = uniqueId('ladder-conflict');
  await createFromTemplate(page, 'dormancy-ladder', id);
  await page.getByTestId('save').click();
  await waitSaved(page);

  // Someone else saves a new revision.
  const headers = { Authorization: `Bearer ${ADMIN_KEY}` };
  const current = (await (await page.request.get(`/v1/journeys/${id}`, { headers })).json()) as { draft: { document: { name: { zh: string; en: string } }; revision: number } };
  const theirs = { ...current.draft.document, name: { zh: '别人的版本', en: 'Their version' } };
  const put = await page.request.put(`/v1/journeys/${id}/draft`, { headers, data: { document: theirs, baseRevision: current.draft.revision } });
  expect(put.ok()).toBe(true);

  // Our edit then cannot be saved over theirs.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByTestId('param-silentAfterDays').fill('50');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'conflict', { timeout: 20_000 });
  expect(await draftText(page, id)).toContain('Their version');
  await page.screenshot({ path: 'test-results/screens/40-conflict.png' });

  await page.getByTestId('reload-theirs').click();
  await expect(page.getByTestId('journey-title')).toHaveText('别人的版本');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
});

test('the condition builder offers typed operators and values, and the text follows', async ({ page }) => {
  await logIn(page);
  const id = uniqueId('ladder-condition');
  await createFromTemplate(page, 'dormancy-ladder', id);
  await page.getByTestId('node-c_worth_recalling').click();
  const rule = page.getByTestId('branch-0-condition').getByTestId('condition-rule').first();
  // totalSpend is a number: ordering operators are offered, list-only ones for strings are not.
  const operator = rule.getByRole('combobox', { name: /运算|Operator/ });
  await expect(operator.locator('option')).toHaveText([/等于|is$/, /不等于|is not/, '<', '≤', '>', '≥', /属于|is one of/, /不属于|is none of/]);
  // From the recallMinSpend param to a fixed amount.
  await rule.getByRole('button', { name: '#' }).click();
  await rule.getByTestId('condition-value').fill('300');
  await operator.selectOption('greaterThan');
  await expect(page.getByTestId('node-c_worth_recalling')).toContainText('totalSpend > 300');
  await page.getByTestId('save').click();
  await waitSaved(page);
  expect(await draftText(page, id)).toContain('node c_worth_recalling: if totalSpend > 300');
  // A tags fact only offers list operators.
  await rule.getByRole('combobox', { name: /指标|Fact/ }).selectOption('tags');
  await expect(operator.locator('option')).toHaveText([/包含|contains/, /不包含|does not contain/]);
  await page.screenshot({ path: 'test-results/screens/41-condition-builder.png' });
});
