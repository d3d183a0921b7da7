/** A type error typed into the DSL panel: Monaco marker, node badge, publish refused; fixed, it publishes and the version goes up. */
import { createFromTemplate, dslEditor, expect, logIn, replaceInDsl, test, uniqueId } from './fixtures.ts';

test('type error blocks publishing until fixed; publishing raises the version', async ({ page }) => {
  await logIn(page);
  const id = uniqueId('ladder-pub');
  await createFromTemplate(page, 'dormancy-ladder', id);
  await expect(page.getByTestId('live-version')).toHaveText(/未发布|not published/);

  // First publication: v1.
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-dialog')).toBeVisible();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('live-version')).toContainText('v1');

  // A wrong type in the text: marker in Monaco, badge on the node, problem in the list.
  await replaceInDsl(page, '>= recallMinSpend', '>= "lots"');
  const node = page.getByTestId('node-c_worth_recalling');
  await expect(node.getByTestId('node-badge')).toBeVisible();
  await expect(dslEditor(page).locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByTestId('problem').filter({ hasText: 'lots' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/10-type-error.png' });

  // Clicking the problem focuses the node.
  await page.getByTestId('problem').filter({ hasText: 'lots' }).click();
  await expect(node).toHaveClass(/selected/);

  // Publishing is refused.
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-refused')).toBeVisible();
  await expect(page.getByTestId('publish-confirm')).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/11-publish-refused.png' });
  await page.keyboard.press('Escape');

  // Fixed: the badge goes, publishing works and the version goes up, with the diff shown first.
  await replaceInDsl(page, '"lots"', 'recallMinSpend');
  await expect(node.getByTestId('node-badge')).toHaveCount(0);
  await replaceInDsl(page, 'recall_coupon"', 'recall_coupon_v2"');
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-diff').locator('.monaco-diff-editor')).toBeVisible();
  await expect(page.getByTestId('publish-diff').locator('.char-insert, .line-insert').first()).toBeAttached();
  await page.getByRole('radio', { name: /迁移到新版本|Move to the new version/ }).check();
  await page.screenshot({ path: 'test-results/screens/12-publish-diff.png' });
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('live-version')).toContainText('v2');
});
