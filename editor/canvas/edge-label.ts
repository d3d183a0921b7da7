/** The text on an exit handle or edge: branch labels as written, the fixed kinds (else, timeout, any event) translated. */
import type { TFunction } from 'i18next';
import type { Edge } from '../../dsl/nodes/index.ts';

export function edgeLabel(edge: Pick<Edge, 'kind' | 'label'>, t: TFunction): string {
  if (edge.kind === 'else') return t('edges.else');
  if (edge.kind === 'timeout') return t('edges.timeout');
  if (edge.kind === 'event' && edge.label === 'any event') return t('edges.anyEvent');
  return edge.label;
}
