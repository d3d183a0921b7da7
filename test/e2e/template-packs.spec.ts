/** Template packs in the gallery: every pack listed with its stages, export as one file, import with a preview first. */
import { ADMIN_KEY, expect, logIn, test } from './fixtures.ts';

test('export a pack and import it back with a preview', async ({ page }) => {
  await logIn(page, '/templates');
  for (const id of ['k12-five-stage', 'aarrr', 'dormancy-ladder']) await expect(page.getByTestId(`template-${id}`)).toBeVisible();
  await expect(page.getByTestId('template-k12-five-stage')).toContainText('导入区');

  await page.getByTestId('template-aarrr').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出模板包|Export pack/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^aarrr-.*\.lspack\.json$/);

  const exported = await page.request.get('/v1/templates/aarrr/export', { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  const pack = await exported.text();
  await page.goto('/templates');
  await page.getByRole('button', { name: /导入模板包|Import pack/ }).click();
  await page.getByTestId('import-file').setInputFiles({ name: 'aarrr.lspack.json', mimeType: 'application/json', buffer: Buffer.from(pack) });
  await expect(page.locator('.import-preview')).toContainText('aarrr');
  await page.screenshot({ path: 'test-results/screens/60-import-preview.png' });
  await page.locator('.dialog').getByRole('button', { name: /^(导入|Import)$/ }).click();
  await expect(page.locator('.toast')).toContainText(/模板包已导入|Pack imported/);
});
