/** A small, valid journey for the editor's unit tests: entry → stage → wait for purchase (or 7 days) → message / condition → exit. */
import { JourneyDocument } from '../../dsl/schema/document.ts';

export function sampleJourney(): JourneyDocument {
  return JourneyDocument.parse({
    id: 'sample',
    name: { zh: '示例', en: 'Sample' },
    version: 1,
    params: { minSpend: { type: 'number', default: 100 } },
    stages: [{ id: 'active', name: { zh: '活跃期', en: 'Active' } }],
    schema: { profile: { city: 'string', level: { enum: ['a', 'b'] } }, events: { purchase: { amount: 'number' } } },
    entry: { trigger: { type: 'event', event: 'signup' }, next: 'start' },
    nodes: [
      { id: 'start', kind: 'stage', stage: 'active', next: 'wait' },
      { id: 'wait', kind: 'wait', mode: 'events', events: [{ event: 'purchase', next: 'check' }], timeout: '7d', timeoutNext: 'welcome' },
      { id: 'check', kind: 'condition', branches: [{ label: 'big', when: { all: [{ fact: 'totalSpend', operator: 'greaterThanInclusive', value: { param: 'minSpend' } }] }, next: 'welcome' }], else: 'end' },
      { id: 'welcome', kind: 'action', action: { type: 'message', channel: 'wechat', template: 'hi' }, next: 'end' },
      { id: 'end', kind: 'exit' },
    ],
  });
}
