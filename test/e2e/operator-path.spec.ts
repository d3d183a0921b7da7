/** A new operator's path: log in from the banner URL, create the dormancy ladder, edit it on both sides, add a node, save, reload. */
import { createFromTemplate, draftText, expect, logIn, replaceInDsl, test, uniqueId, waitSaved } from './fixtures.ts';

test('create from dormancy-ladder, edit in inspector and text, add and connect a node, persist', async ({ page }) => {
  await logIn(page);
  await expect(page).toHaveURL((url) => !url.search.includes('key='));
  await page.screenshot({ path: 'test-results/screens/01-journeys.png' });

  const id = uniqueId('ladder');
  await page.goto('/templates');
  await expect(page.getByTestId('template-dormancy-ladder')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/02-templates.png' });
  await page.getByTestId('template-dormancy-ladder').click();
  await expect(page.getByTestId('note-silent')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/03-template-detail.png', fullPage: true });
  await createFromTemplate(page, 'dormancy-ladder', id);

  // The ladder shows on the canvas.
  for (const node of ['s_active', 'w_active', 's_silent', 's_sleeping', 's_lost', 'x_forgotten']) await expect(page.getByTestId(`node-${node}`)).toBeVisible();
  await expect(page.locator('.dsl-editor .view-lines')).toContainText('journey');
  await page.screenshot({ path: 'test-results/screens/04-editor.png' });

  // A threshold changed in the inspector shows up in the DSL text.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  const silent = page.getByTestId('param-silentAfterDays');
  await silent.fill('40');
  await expect(page.locator('.dsl-editor .view-lines')).toContainText('silentAfterDays: number = 40');
  await page.screenshot({ path: 'test-results/screens/05-threshold.png' });

  // Text edited in the DSL panel shows up on the canvas.
  await replaceInDsl(page, 'keep_in_touch"', 'stay_close"');
  await expect(page.getByTestId('node-a_keep_in_touch')).toContainText('stay_close');

  // A new action node from the palette, connected on the canvas.
  await page.getByTestId('palette-message').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 160, y: 120 } });
  const added = page.getByTestId('node-message');
  await expect(added).toBeVisible();
  await page.getByTestId('fit').click();
  await page.getByTestId('node-a_tag_lost').locator('.react-flow__handle.source').dragTo(added.locator('.react-flow__handle.target'));
  await expect(page.locator('.react-flow__edge[data-id="a_tag_lost:next"]')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/06-added-node.png' });
  await page.getByTestId('save').click();
  await waitSaved(page);

  const saved = await draftText(page, id);
  expect(saved).toContain('silentAfterDays: number = 40');
  expect(saved).toContain('template "stay_close"');
  expect(saved).toMatch(/node a_tag_lost: add tag "lost" -> message/);
  expect(saved).toMatch(/node message: send/);

  // Reload: everything persisted.
  await page.reload();
  await expect(page.getByTestId('node-message')).toBeVisible();
  await expect(page.getByTestId('node-a_keep_in_touch')).toContainText('stay_close');
  await expect(page.locator('.react-flow__edge[data-id="a_tag_lost:next"]')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expect(page.getByTestId('param-silentAfterDays')).toHaveValue('40');

  // The JSON view shows the same journey.
  await page.getByTestId('dsl-tab-json').click();
  await expect(page.getByTestId('dsl-editor-json').locator('.view-lines')).toContainText(`"id": "${id}"`);
});
