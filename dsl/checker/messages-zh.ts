/** zh-CN wording for every diagnostic code, so editors can show problems in the operator's language (`message` stays English for the CLI and API). */
import type { Diagnostic } from '../diagnostics.ts';
import type { CheckCode } from './codes.ts';

/** Codes the loaders emit before the checker runs (text syntax, JSON syntax, packs). */
type LoaderCode = 'empty' | 'json-syntax' | 'not-a-journey' | 'syntax' | 'unknown-node' | 'unsigned';

/** What each code means, in Chinese: the headline of a localised diagnostic. */
export const CHECK_CODES_ZH: Readonly<Record<CheckCode | LoaderCode, string>> = {
  schema: '文档不符合旅程结构(类型不对、缺少或多出字段、格式错误)',
  'too-deep': '文档嵌套超过 64 层',
  'checker-failure': '检查器自身出错(这是缺陷,请反馈)',
  'param-range-empty': '数字参数的最小值大于最大值',
  'param-duplicate-value': '枚举参数重复列出了同一个值',
  'param-default-invalid': '参数默认值类型不对、超出范围或不在可选值中',
  'param-override-unknown': '为旅程未声明的参数赋了值',
  'param-override-type': '参数取值类型不对',
  'param-override-range': '数字参数取值超出范围或不是整数',
  'unknown-param': '引用了未声明的参数',
  'param-type-mismatch': '参数类型与使用位置不符',
  'unused-param': '声明的参数没有被使用',
  'duration-negative': '时长为负数',
  'duration-zero': '时长为零,没有意义',
  'duration-absurd': '时长超过 10 年,请检查单位',
  'duration-long': '时长超过 2 年,是否有意为之?',
  'unknown-fact': '条件读取了既非内置也非客户资料字段的事实',
  'event-outside-event-context': '在没有触发事件或等待事件的地方读取了 event',
  'event-path-missing': '读取 event 时没有指明属性',
  'unknown-event-property': 'event 的属性未在事件中声明',
  'invalid-path': '该事实没有可访问的成员路径',
  'fact-params-unexpected': '给不带参数的事实传了参数',
  'fact-param-missing': '缺少事实的必填参数',
  'fact-param-unknown': '事实没有这个参数',
  'fact-param-type': '事实参数类型不对',
  'fact-param-range': '事实参数超出范围(例如 0 天的窗口)',
  'unknown-event': '事件名未在 schema.events 中声明',
  'operator-type-mismatch': '运算符与事实的类型不匹配',
  'value-type': '比较值的类型与事实或字段不符(包括列表与单值)',
  'value-not-in-enum': '该枚举事实永远不会取这个值',
  'unknown-stage': '引用了未声明的阶段',
  'empty-list': '“属于/不属于”的列表为空',
  'empty-group': '“全部/任一”条件组为空',
  'identical-branches': '同一条件节点的两个分支条件相同,后者永远不会被走到',
  'overlapping-branches': '同一条件节点的两个分支可能同时满足',
  'ladder-gap': '阶梯条件的数值区间没有覆盖全部取值',
  'ladder-overlap': '阶梯条件的数值区间重叠,或不活跃等待的阈值相同',
  'ladder-order': '不活跃等待的阈值比前一级更小',
  'duplicate-node-id': '两个节点使用了同一个 id',
  'unknown-target': '连线指向不存在的节点',
  'unknown-entry-target': '入口的下一个节点不存在',
  'unreachable-node': '从入口无法到达该节点',
  'no-way-out': '客户进入后无法离开(循环中没有通往退出或终点目标的路径)',
  'loop-without-wait': '循环中没有等待,客户可能无限空转',
  'split-sum': '分流比例之和不是 100%',
  'shadowed-event-exit': '等待的事件出口总会被前面的出口抢先',
  'profile-shadows-fact': '客户资料字段与内置事实同名',
  'duplicate-stage-id': '两个阶段使用了同一个 id',
  'unused-stage': '声明的阶段没有任何阶段节点使用',
  'duplicate-weekday': '计划中的星期重复',
  'cooldown-unused': '重复进入设为“从不”时,冷却期没有作用',
  'duplicate-frequency-cap': '同一渠道有两条频次上限',
  'frequency-cap-window-short': '频次上限的时间窗口不足一分钟',
  'quiet-hours-empty': '免打扰时段的开始与结束时间相同',
  'layout-unknown-node': '布局中有不存在节点的位置',
  'set-builtin-fact': '设置字段动作修改了内置(计算得出的)事实',
  'unknown-field': '设置字段动作的字段未在客户资料中声明',
  'webhook-insecure': 'Webhook 使用了不加密的 http',
  empty: '文本为空',
  'json-syntax': 'JSON 语法错误',
  'not-a-journey': '这不是一个旅程文档',
  syntax: '语法错误',
  'unknown-node': '引用了不存在的节点',
  unsigned: '模板包未签名',
};

/** What a message quotes — names in backticks (`totalSpend`, `w_silent`) and values in double quotes ("lots") — which reads the same in every language. */
function quotedNames(message: string): string[] {
  const names = [...message.matchAll(/`([^`]{1,60})`|("[^"]{1,60}")/g)].map((m) => (m[1] === undefined ? (m[2] ?? '') : `\`${m[1]}\``));
  return [...new Set(names.filter((n) => n !== '' && n !== '``'))].slice(0, 5);
}

/**
 * The diagnostic in Chinese: the code's wording, then the names the English message quotes; codes this
 * module does not know (from newer loaders) fall back to the English message.
 *
 * @example
 * diagnosticMessageZh({ code: 'unknown-fact', message: 'unknown fact `totalSpent`; did you mean `totalSpend`?' });
 * // '条件读取了既非内置也非客户资料字段的事实:`totalSpent`、`totalSpend`'
 */
export function diagnosticMessageZh(diagnostic: Pick<Diagnostic, 'code' | 'message'>): string {
  const headline = (CHECK_CODES_ZH as Readonly<Record<string, string>>)[diagnostic.code];
  if (headline === undefined) return diagnostic.message;
  const names = quotedNames(diagnostic.message);
  return names.length === 0 ? headline : `${headline}:${names.join('、')}`;
}
