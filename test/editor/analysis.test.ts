/** Checking the open journey: one check per document object, shared by every view that asks. */
import { describe, expect, it } from 'vitest';
import { analyzeDocument, documentSource } from '../../editor/store/analysis.ts';
import { sampleJourney } from './sample-journey.ts';

describe('analyzeDocument', () => {
  it('checks a document once per format and hands every caller the same answer', () => {
    const doc = sampleJourney();
    const first = analyzeDocument(doc, 'text');
    expect(analyzeDocument(doc, 'text')).toBe(first);
    expect(first.source).toBe(documentSource(doc, 'text'));
    const json = analyzeDocument(doc, 'json');
    expect(json).not.toBe(first);
    expect(json.source).toBe(JSON.stringify(doc, null, 2));
    expect(analyzeDocument(doc, 'json')).toBe(json);
  });

  it('checks a changed document afresh', () => {
    const doc = sampleJourney();
    const before = analyzeDocument(doc, 'text');
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'welcome' ? { ...n, next: 'nowhere' } : n)) };
    const after = analyzeDocument(broken, 'text');
    expect(after).not.toBe(before);
    expect(before.diagnostics.some((d) => d.nodeId === 'welcome')).toBe(false);
    expect(after.diagnostics.some((d) => d.nodeId === 'welcome' && d.severity === 'error')).toBe(true);
  });
});
