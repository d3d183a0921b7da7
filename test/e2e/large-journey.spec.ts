/** A large journey (300 nodes, no stored positions): opens on quick placement, takes elk's layout from the worker, mounts only the cards on screen, fits on demand. */
import { bigJourney } from '../bench/workload.ts';
import { ADMIN_KEY, expect, logIn, test, uniqueId } from './fixtures.ts';

test('a 300-node journey without positions opens on its entry, gets elk\'s layout, and mounts only the cards on screen', async ({ page }) => {
  const id = uniqueId('large');
  const created = await page.request.post('/v1/journeys', { headers: { Authorization: `Bearer ${ADMIN_KEY}` }, data: { document: { ...bigJourney(300), id } } });
  expect(created.ok()).toBe(true);
  await logIn(page, `/journeys/${id}`);
  await expect(page.getByTestId('node-entry')).toBeInViewport();

  // Quick placement puts n1 two columns right of the entry's row start; elk's layered layout (from the worker) replaces it.
  const n1 = page.locator('.react-flow__node[data-id="n1"]');
  await expect.poll(() => n1.evaluate((el) => (el as HTMLElement).style.transform), { timeout: 30_000 }).not.toBe('translate(322px, 0px)');
  await expect(page.getByTestId('node-entry')).toBeInViewport();
  const mounted = await page.locator('.react-flow__node').count();
  expect(mounted).toBeGreaterThan(1);
  expect(mounted).toBeLessThan(60);

  // Fit works although most cards were never mounted (their declared size counts as measured).
  const zoom = () => page.locator('.react-flow__viewport').first().evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
  await page.getByTestId('fit').click();
  await expect.poll(zoom).toBeLessThan(0.2);

  // Auto-layout on demand runs in the worker too, and autosave stores it.
  await page.getByTestId('auto-layout').click();
  const storedPositions = async (): Promise<number> => {
    const answer = await page.request.get(`/v1/journeys/${id}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    const detail = (await answer.json()) as { draft: { document: { layout?: Record<string, unknown> } } };
    return Object.keys(detail.draft.document.layout ?? {}).length;
  };
  await expect.poll(storedPositions, { timeout: 30_000 }).toBe(300);
});
