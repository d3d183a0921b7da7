/** Failing examples: every syntax and schema error names its line:col, and schema errors their JSON path too. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../dsl/diagnostics.ts';
import { parseConditionText, parseJourneyText } from '../../../dsl/text/index.ts';

const HEAD = 'journey j version 1\nname zh "旅程" en "Journey"\nentry on signup -> a\n';

/** The one diagnostic of a text that should have exactly one problem. */
function onlyDiagnostic(text: string): Diagnostic {
  const { doc, diagnostics } = parseJourneyText(text);
  expect(doc).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0] as Diagnostic;
}

const at = (d: Diagnostic): string => `${d.span?.line}:${d.span?.column}`;

describe('syntax errors', () => {
  it('a branch condition without `->`', () => {
    const d = onlyDiagnostic(`${HEAD}node a: if purchaseCount > 1 b\n    else -> a\n`);
    expect(at(d)).toBe('4:30');
    expect(d).toMatchObject({ severity: 'error', code: 'syntax', nodeId: 'a' });
    expect(d.message).toBe('expected `->`, found `b` (after the branch condition comes -> and the node to go to)');
  });

  it('text without its closing quote points at the end of the line', () => {
    const d = onlyDiagnostic('journey j version 1\nname zh "旅程 en Journey\n');
    expect(at(d)).toBe('2:23');
    expect(d.message).toContain('unclosed text');
  });

  it('mixing `and` and `or` asks for parentheses', () => {
    const d = onlyDiagnostic(`${HEAD}node a: if x > 1 and y > 2 or z > 3 -> a\n    else -> a\n`);
    expect(at(d)).toBe('4:28');
    expect(d.message).toContain('add parentheses');
  });

  it('an unknown statement lists the statements there are', () => {
    const d = onlyDiagnostic(`${HEAD}nod a: exit\n`);
    expect(at(d)).toBe('4:1');
    expect(d.message).toMatch(/^expected a statement \(journey, name, .*\), found `nod`/);
  });

  it('`=` where `==` is meant', () => {
    const d = onlyDiagnostic(`${HEAD}node a: if stage = "active" -> a\n    else -> a\n`);
    expect(at(d)).toBe('4:18');
    expect(d.message).toBe('expected an operator, found `=` (compare with ==)');
  });

  it('a number without its unit where a duration belongs', () => {
    const d = onlyDiagnostic(`${HEAD}node a: wait 3 -> a\n`);
    expect(at(d)).toBe('4:14');
    expect(d.message).toContain('write it like 3d');
  });

  it('a condition node without `else`', () => {
    const d = onlyDiagnostic(`${HEAD}node a: if x > 1 -> a\nnode b: exit\n`);
    expect(at(d)).toBe('5:1');
    expect(d.message).toContain('expected `else`');
  });

  it('curly quotes from a chat app', () => {
    const { diagnostics } = parseJourneyText(`${HEAD}node a: exit “lost”\n`);
    const d = diagnostics[0] as Diagnostic;
    expect(diagnostics.map(at)).toEqual(['4:14', '4:19']);
    expect(d.message).toContain('straight double quotes');
  });

  it('a bad escape inside text', () => {
    const d = onlyDiagnostic('journey j version 1\nname zh "a\\qb" en "b"\nentry on x -> a\nnode a: exit\n');
    expect(at(d)).toBe('2:11');
    expect(d.message).toContain('unknown escape \\q');
  });

  it('the same param declared twice', () => {
    const d = onlyDiagnostic(`${HEAD}param days: number = 1\nparam days: number = 2\nnode a: exit\n`);
    expect(at(d)).toBe('5:7');
    expect(d.message).toBe('the param `days` is declared twice');
  });

  it('a keyword where a fact belongs can be back-quoted', () => {
    const d = onlyDiagnostic(`${HEAD}node a: if not == 1 -> a\n    else -> a\n`);
    expect(at(d)).toBe('4:16');
    expect(d.message).toContain('expected a fact name');
  });

  it('a positional argument the fact does not take', () => {
    const d = onlyDiagnostic(`${HEAD}node a: if eventCount("visit", 30) > 1 -> a\n    else -> a\n`);
    expect(at(d)).toBe('4:32');
    expect(d.message).toContain('name this argument');
  });

  it('recovers at the next statement and reports later errors too', () => {
    const { diagnostics } = parseJourneyText(`${HEAD}node a: wait for purchase timeout 3d -> a\nnode b: split 50 -> a, 50% -> a\nnode c: exit\n`);
    expect(diagnostics.map(at)).toEqual(['4:27', '5:18']);
    expect(diagnostics.map((d) => d.nodeId)).toEqual(['a', 'b']);
  });

  it('a missing header', () => {
    const d = onlyDiagnostic('name zh "a" en "b"\nentry on x -> a\nnode a: exit\n');
    expect(at(d)).toBe('1:1');
    expect(d.message).toContain('journey <id> version <n>');
  });

  it('a statement that does not start its own line', () => {
    const d = onlyDiagnostic(`${HEAD}node a: exit node b: exit\n`);
    expect(at(d)).toBe('4:14');
    expect(d.message).toContain('put it on its own line');
  });

  it('empty text and binary junk give diagnostics, not exceptions', () => {
    expect(parseJourneyText('').diagnostics[0]?.message).toContain('journey <id> version <n>');
    const junk = parseJourneyText('\u0000\u0001\uFFFD');
    expect(junk.doc).toBeUndefined();
    expect(at(junk.diagnostics[0] as Diagnostic)).toBe('1:1');
  });

  it('deep nesting is refused, not a stack overflow', () => {
    const { diagnostics } = parseConditionText(`${'('.repeat(100_000)}x == 1`);
    expect(diagnostics[0]?.message).toContain('nest more than 64 levels');
  });
});

describe('schema errors carry the JSON path and its span', () => {
  it('an invalid node id', () => {
    const d = onlyDiagnostic(`${HEAD}node a-b: exit\n`);
    expect(d).toMatchObject({ code: 'schema', path: ['nodes', 0, 'id'], nodeId: 'a-b' });
    expect(d.span).toEqual({ line: 4, column: 6, endLine: 4, endColumn: 9 });
    expect(d.message).toContain('`nodes[0].id` must start with a letter or _');
  });

  it('a duration with a leading zero', () => {
    const d = onlyDiagnostic(`${HEAD}node a: wait 01d -> a\n`);
    expect(d).toMatchObject({ path: ['nodes', 0, 'duration'], nodeId: 'a' });
    expect(at(d)).toBe('4:14');
  });

  it('an hour that does not exist', () => {
    const d = onlyDiagnostic(`${HEAD}node a: wait until 25:00 -> a\n`);
    expect(d.path).toEqual(['nodes', 0, 'time']);
    expect(at(d)).toBe('4:20');
  });

  it('a wrong value deep inside a condition', () => {
    const d = onlyDiagnostic(`${HEAD}node a: if x > 1 and event.__proto__ == 2 -> a\n    else -> a\n`);
    expect(d.path).toEqual(['nodes', 0, 'branches', 0, 'when', 'all', 1, 'path']);
    expect(d.span).toEqual({ line: 4, column: 27, endLine: 4, endColumn: 37 });
  });

  it('a split share over 100%', () => {
    const d = onlyDiagnostic(`${HEAD}node a: split 150% -> a, 50% -> a\n`);
    expect(d.path).toEqual(['nodes', 0, 'branches', 0, 'percent']);
    expect(at(d)).toBe('4:15');
  });

  it('a missing entry statement', () => {
    const d = onlyDiagnostic('journey j version 1\nname zh "a" en "b"\nnode a: exit\n');
    expect(d).toMatchObject({ path: ['entry'], message: 'missing `entry on <event> -> <node>`' });
    expect(at(d)).toBe('1:1');
  });

  it('a param of the wrong type for its default', () => {
    const d = onlyDiagnostic(`${HEAD}param days: number = "45"\nnode a: exit\n`);
    expect(d.path).toEqual(['params', 'days', 'default']);
    expect(at(d)).toBe('4:22');
  });
});

describe('messages for what operators type by accident', () => {
  it('Chinese outside quotes', () => {
    const d = parseJourneyText(`${HEAD}node a: stage 活跃 -> a\n`).diagnostics[0] as Diagnostic;
    expect(at(d)).toBe('4:15');
    expect(d.message).toBe('unexpected 活: names use only ASCII letters, digits and _; put other text in double quotes');
  });

  it('a full-width comma', () => {
    const d = parseJourneyText(`${HEAD}node a: split 50% -> a，50% -> a\n`).diagnostics[0] as Diagnostic;
    expect(at(d)).toBe('4:23');
    expect(d.message).toContain('full-width');
  });
});
