/** A diagnostic's text in the operator's language: the checker's zh-CN wording in Chinese, its English message otherwise. */
import { diagnosticMessageZh } from '../../dsl/checker/messages-zh.ts';
import type { Diagnostic } from '../../dsl/diagnostics.ts';

/**
 * @example
 * diagnosticText({ code: 'unreachable-node', message: 'no path leads to `x`' }, 'zh-CN'); // '从入口无法到达该节点:`x`'
 */
export function diagnosticText(diagnostic: Pick<Diagnostic, 'code' | 'message'>, language: string): string {
  return language.startsWith('zh') ? diagnosticMessageZh(diagnostic) : diagnostic.message;
}

/** The English detail worth showing as a tooltip next to the Chinese headline (nothing when the text already is the message). */
export function diagnosticDetail(diagnostic: Pick<Diagnostic, 'code' | 'message'>, language: string): string | undefined {
  return diagnosticText(diagnostic, language) === diagnostic.message ? undefined : diagnostic.message;
}
