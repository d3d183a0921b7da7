/** Branches of one condition node: identical ones, ones that can both match, and gaps or overlaps in numeric ladders. */
import type { ConditionBranch } from '../nodes/condition.ts';
import { isFactCondition, type Condition } from '../schema/condition.ts';
import type { ConditionTyping, TypedLeaf } from './condition-typing.ts';
import type { JsonPath, Reporter } from './context.ts';
import { intersect, sampleMember, describeInterval, type Interval } from './number-set.ts';
import { describeSample, intersectDomains, leafDomain, numberWriter, singleInterval, type Domain } from './value-domain.ts';

/** Disjunctive normal forms larger than this are not analysed (nothing is said about them). */
const MAX_CONJUNCTS = 256;

interface Atom {
  leaf: TypedLeaf;
  negated: boolean;
}

/** A condition as `any` of `all`s of leaves, negations pushed down to the leaves; undefined if a leaf did not type or it grows too large. */
function toDnf(condition: Condition, negated: boolean, typing: ConditionTyping): Atom[][] | undefined {
  if (isFactCondition(condition)) {
    const leaf = typing.typedLeaf(condition);
    return leaf === undefined ? undefined : [[{ leaf, negated }]];
  }
  if ('not' in condition) return toDnf(condition.not, !negated, typing);
  const children = 'all' in condition ? condition.all : condition.any;
  const conjunctive = 'all' in condition !== negated;
  const parts: Atom[][][] = [];
  for (const child of children) {
    const dnf = toDnf(child, negated, typing);
    if (dnf === undefined) return undefined;
    parts.push(dnf);
  }
  if (!conjunctive) {
    const flat = parts.flat();
    return flat.length > MAX_CONJUNCTS ? undefined : flat;
  }
  let product: Atom[][] = [[]];
  for (const dnf of parts) {
    if (product.length * dnf.length > MAX_CONJUNCTS) return undefined;
    product = product.flatMap((left) => dnf.map((right) => [...left, ...right]));
  }
  return product;
}

interface KeyedDomain {
  label: string;
  domain: Domain;
}

/** The conjunction as one domain per fact; undefined when some comparison is outside the reasoning (null). */
function conjunctDomains(atoms: readonly Atom[]): Map<string, KeyedDomain> | undefined {
  const byKey = new Map<string, KeyedDomain>();
  for (const { leaf, negated } of atoms) {
    const domain = leafDomain(leaf, negated);
    if (domain === undefined) return undefined;
    const seen = byKey.get(leaf.fact.key);
    const merged = seen === undefined ? domain : intersectDomains(seen.domain, domain);
    if (merged === undefined) return undefined;
    byKey.set(leaf.fact.key, { label: leaf.fact.label, domain: merged });
  }
  return byKey;
}

const isSubset = (a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean => [...a.keys()].every((k) => b.has(k));

/**
 * A description of a customer both conjunctions match, or undefined when none does or it cannot be decided.
 * Only conjunctions over the same facts (one's facts a subset of the other's) are decided: facts that
 * differ may be correlated in ways the checker does not know (no purchases means no spend).
 */
function commonWitness(a: Map<string, KeyedDomain>, b: Map<string, KeyedDomain>): string | undefined {
  if (!isSubset(a, b) && !isSubset(b, a)) return undefined;
  const parts: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const domain = x !== undefined && y !== undefined ? intersectDomains(x.domain, y.domain) : (x ?? y)?.domain;
    if (domain === undefined) return undefined;
    const sample = describeSample(domain);
    if (sample === undefined) return undefined;
    parts.push(`${(x ?? y)!.label} ${sample}`);
  }
  return parts.length === 0 ? 'always' : `e.g. when ${parts.join(' and ')}`;
}

/** JSON text with object keys sorted, so that key order does not make two conditions differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const branchName = (branches: readonly ConditionBranch[], i: number): string => {
  const label = branches[i]?.label;
  return label === undefined || label === '' ? `branch ${i + 1}` : `branch ${i + 1} "${label}"`;
};

interface Rung {
  index: number;
  interval: Interval;
}

interface Ladder {
  label: string;
  wholeNumbers: boolean;
  show: (n: number) => string;
  rungs: Rung[];
}

/** The branches as ranges over one numeric fact, when every branch is exactly one range over the same fact. */
function ladderRungs(dnfs: readonly (Atom[][] | undefined)[]): Ladder | undefined {
  if (dnfs.length < 2) return undefined;
  let key: string | undefined;
  let label = '';
  let wholeNumbers = false;
  let show: Ladder['show'] = String;
  const rungs: Rung[] = [];
  for (const [index, dnf] of dnfs.entries()) {
    if (dnf === undefined || dnf.length !== 1) return undefined;
    const domains = conjunctDomains(dnf[0]!);
    if (domains === undefined || domains.size !== 1) return undefined;
    const [[k, { label: l, domain }]] = [...domains.entries()] as [[string, KeyedDomain]];
    const interval = singleInterval(domain);
    if (interval === undefined || domain.kind !== 'numbers' || (key !== undefined && k !== key)) return undefined;
    key = k;
    label = l;
    wholeNumbers = domain.wholeNumbers;
    show = numberWriter(domain);
    rungs.push({ index, interval });
  }
  return { label, wholeNumbers, show, rungs };
}

function checkLadder(ladder: Ladder, branches: readonly ConditionBranch[], path: JsonPath, report: Reporter): void {
  const sorted = [...ladder.rungs].sort((a, b) => a.interval.lo - b.interval.lo || Number(a.interval.loOpen) - Number(b.interval.loOpen));
  let reach = sorted[0]!;
  for (const rung of sorted.slice(1)) {
    const { label, wholeNumbers, show } = ladder;
    const shared = sampleMember(intersect([reach.interval], [rung.interval]), wholeNumbers);
    const first = Math.min(reach.index, rung.index);
    const later = Math.max(reach.index, rung.index);
    const describe = (r: Rung): string => `${branchName(branches, r.index)} (${label} ${describeInterval(r.interval, show)})`;
    if (shared !== undefined) {
      report.error('ladder-overlap', `ranges overlap: ${describe(reach)} and ${describe(rung)} both cover ${label} = ${show(shared)}; only ${branchName(branches, first)} is ever taken there`, [...path, 'branches', later, 'when']);
    } else {
      const gap: Interval = { lo: reach.interval.hi, loOpen: !reach.interval.hiOpen, hi: rung.interval.lo, hiOpen: !rung.interval.loOpen };
      const wholeGap = sampleMember([gap], true);
      const anyGap = wholeNumbers ? wholeGap : sampleMember([gap], false);
      if (anyGap !== undefined) {
        const message = `ranges leave a gap between ${describe(reach)} and ${describe(rung)}: ${label} ${describeInterval(gap, show)} matches no branch and falls to else`;
        if (wholeGap !== undefined) report.error('ladder-gap', message, [...path, 'branches', rung.index, 'when']);
        else report.warning('ladder-gap', `${message} (only fractional values — fine if ${label} is always whole)`, [...path, 'branches', rung.index, 'when']);
      }
    }
    if (rung.interval.hi > reach.interval.hi || (rung.interval.hi === reach.interval.hi && !rung.interval.hiOpen)) reach = rung;
  }
}

/**
 * Reports identical branches, branches that can both match, and — when the branches are ranges over
 * one numeric fact — gaps and overlaps between consecutive ranges. `path` is the condition node's path.
 */
export function checkConditionBranches(branches: readonly ConditionBranch[], path: JsonPath, typing: ConditionTyping, report: Reporter): void {
  const texts = branches.map((b) => canonical(b.when));
  const identical = new Set<number>();
  texts.forEach((text, j) => {
    const i = texts.indexOf(text);
    if (i < j) {
      identical.add(j);
      report.error('identical-branches', `${branchName(branches, j)} has the same condition as ${branchName(branches, i)}, so it can never be taken`, [...path, 'branches', j, 'when']);
    }
  });
  const dnfs = branches.map((b) => toDnf(b.when, false, typing));
  const ladder = ladderRungs(dnfs);
  if (ladder !== undefined) {
    if (identical.size === 0) checkLadder(ladder, branches, path, report);
    return;
  }
  const conjuncts = dnfs.map((dnf) => dnf?.map(conjunctDomains));
  for (let j = 1; j < branches.length; j++) {
    if (identical.has(j)) continue;
    for (let i = 0; i < j; i++) {
      const witness = findOverlap(conjuncts[i], conjuncts[j]);
      if (witness !== undefined) {
        report.error(
          'overlapping-branches',
          `${branchName(branches, i)} and ${branchName(branches, j)} can both match (${witness}); only ${branchName(branches, i)} is taken then — make the conditions exclusive`,
          [...path, 'branches', j, 'when'],
        );
        break;
      }
    }
  }
}

function findOverlap(a: (Map<string, KeyedDomain> | undefined)[] | undefined, b: (Map<string, KeyedDomain> | undefined)[] | undefined): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  for (const x of a) {
    for (const y of b) {
      if (x === undefined || y === undefined) continue;
      const witness = commonWitness(x, y);
      if (witness !== undefined) return witness;
    }
  }
  return undefined;
}
