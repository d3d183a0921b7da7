/** Diagnostics in the operator's language: zh-CN wording for every checker code, names kept, English untouched. */
import { describe, expect, it } from 'vitest';
import { CHECK_CODES } from '../../dsl/checker/codes.ts';
import { checkJourney } from '../../dsl/checker/index.ts';
import { CHECK_CODES_ZH, diagnosticMessageZh } from '../../dsl/checker/messages-zh.ts';
import { diagnosticDetail, diagnosticText } from '../../editor/i18n/diagnostic-text.ts';
import { sampleJourney } from './sample-journey.ts';

describe('zh-CN diagnostics', () => {
  it('words every checker code in Chinese', () => {
    for (const code of Object.keys(CHECK_CODES)) {
      expect(CHECK_CODES_ZH[code as keyof typeof CHECK_CODES_ZH], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps the names the English message quotes', () => {
    const zh = diagnosticMessageZh({ code: 'unknown-fact', message: 'unknown fact `totalSpent`; did you mean `totalSpend`?' });
    expect(zh).toBe('条件读取了既非内置也非客户资料字段的事实:`totalSpent`、`totalSpend`');
  });

  it('falls back to the English message for a code it does not know', () => {
    expect(diagnosticMessageZh({ code: 'from-the-future', message: 'something new' })).toBe('something new');
  });

  it('localises real checker output and leaves English as it was', () => {
    const doc = sampleJourney();
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.kind === 'condition' ? { ...n, branches: n.branches.map((b) => ({ ...b, when: { fact: 'noSuchFact', operator: 'equal', value: 1 } })) } : n)) };
    const [problem] = checkJourney(broken).diagnostics.filter((d) => d.code === 'unknown-fact');
    expect(problem).toBeDefined();
    expect(diagnosticText(problem!, 'zh-CN')).toMatch(/^条件读取了.*`noSuchFact`/);
    expect(diagnosticText(problem!, 'en')).toBe(problem!.message);
    expect(diagnosticDetail(problem!, 'zh-CN')).toBe(problem!.message);
    expect(diagnosticDetail(problem!, 'en')).toBeUndefined();
  });
});

describe('quoted values', () => {
  it('carries double-quoted values over too', () => {
    expect(diagnosticMessageZh({ code: 'value-type', message: '`Total spend` is a number, so `>=` needs a number, not the string "lots"' })).toBe('比较值的类型与事实或字段不符(包括列表与单值):`Total spend`、`>=`、"lots"');
  });
});
