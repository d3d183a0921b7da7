/** The DSL panel keeps the operator's place: a canvas-side edit rewrites the text without moving the cursor or the scroll. */
import { createFromTemplate, draftText, dslEditor, expect, logIn, test, uniqueId, waitSaved } from './fixtures.ts';

test('an inspector edit keeps the DSL cursor and scroll position', async ({ page }) => {
  await logIn(page);
  const id = uniqueId('ladder-cursor');
  await createFromTemplate(page, 'dormancy-ladder', id);
  const editor = dslEditor(page);
  await editor.click({ position: { x: 240, y: 16 } });
  await page.mouse.wheel(0, 400);
  const firstLine = editor.locator('.line-numbers').first();
  await expect(firstLine).not.toHaveText('1');
  const scrolledTo = await firstLine.textContent();
  await editor.locator('.view-line').nth(3).click();
  const cursorBefore = await editor.locator('.cursor').first().boundingBox();

  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByTestId('param-silentAfterDays').fill('41');
  await page.getByTestId('save').click();
  await waitSaved(page);
  expect(await draftText(page, id)).toContain('silentAfterDays: number = 41');

  await expect(firstLine).toHaveText(scrolledTo ?? '');
  const cursorAfter = await editor.locator('.cursor').first().boundingBox();
  expect(cursorAfter?.y).toBe(cursorBefore?.y);
  await editor.hover();
  await page.mouse.wheel(0, -2000);
  await expect(editor.locator('.view-lines')).toContainText('silentAfterDays: number = 41');
});
