/** The editor's page routes. */
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../editor/app/router.ts';

describe('routes', () => {
  it('reads every page from its path', () => {
    expect(parseRoute('/')).toEqual({ page: 'journeys' });
    expect(parseRoute('/journeys')).toEqual({ page: 'journeys' });
    expect(parseRoute('/journeys/winback%20x')).toEqual({ page: 'editor', id: 'winback x' });
    expect(parseRoute('/templates')).toEqual({ page: 'templates' });
    expect(parseRoute('/templates/k12-five-stage')).toEqual({ page: 'template', id: 'k12-five-stage' });
    expect(parseRoute('/customers/u1')).toEqual({ page: 'customers', id: 'u1' });
    expect(parseRoute('/tasks')).toEqual({ page: 'tasks' });
    expect(parseRoute('/nope')).toEqual({ page: 'journeys' });
  });
});
