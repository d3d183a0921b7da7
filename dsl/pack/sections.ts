/** Splits a pack into named sections and digests each, so a failed integrity check can say which part changed. */
import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './crypto.ts';

const MANIFEST_KEYS = ['id', 'name', 'version', 'author', 'description'] as const;
const WHOLE_SECTIONS = ['params', 'notes', 'cohort'] as const;

/**
 * The sections of a (not yet validated) pack: `manifest`, `params`, `notes`, `cohort`, one
 * `journey:<id>` per journey, and `other` for any member the format does not know (which validation
 * rejects later, but which the digests must still cover).
 *
 * @example
 * Object.keys(packSections({ id: 'aarrr', journeys: [{ id: 'aarrr' }], notes: {}, cohort: {} }));
 * // ['manifest', 'params', 'notes', 'cohort', 'journey:aarrr']
 */
export function packSections(pack: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const journeys = Array.isArray(pack.journeys) ? (pack.journeys as unknown[]) : [];
  const journeyKeys = journeys.map((journey, index) => journeySectionName(journey, index, journeys));
  const manifest: Record<string, unknown> = { journeyOrder: journeyKeys };
  for (const key of MANIFEST_KEYS) manifest[key] = pack[key];
  const sections: Record<string, unknown> = { manifest };
  for (const key of WHOLE_SECTIONS) sections[key] = pack[key] ?? null;
  journeys.forEach((journey, index) => {
    sections[journeyKeys[index]!] = journey;
  });
  const known = new Set<string>([...MANIFEST_KEYS, ...WHOLE_SECTIONS]);
  if (Array.isArray(pack.journeys)) known.add('journeys');
  const other = Object.keys(pack).filter((key) => !known.has(key));
  if (other.length > 0) sections.other = Object.fromEntries(other.map((key) => [key, pack[key]]));
  return sections;
}

function journeySectionName(journey: unknown, index: number, all: readonly unknown[]): string {
  const id = journeyId(journey);
  const unique = id !== undefined && all.filter((other) => journeyId(other) === id).length === 1;
  return unique ? `journey:${id}` : `journey#${index}`;
}

const journeyId = (journey: unknown): string | undefined =>
  typeof journey === 'object' && journey !== null && typeof (journey as { id?: unknown }).id === 'string'
    ? (journey as { id: string }).id
    : undefined;

/** SHA-256 of each section's canonical JSON. */
export async function sectionDigests(pack: Readonly<Record<string, unknown>>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(packSections(pack)).map(async ([name, content]) => [name, await sha256Hex(canonicalJson(content))] as const),
  );
  return Object.fromEntries(entries);
}

/** The pack's overall SHA-256: over the canonical digest list, so it covers every section. */
export const packHash = (digests: Readonly<Record<string, string>>): Promise<string> => sha256Hex(canonicalJson(digests));

/** What a signature signs: the overall hash, with a prefix so the signature cannot be replayed for anything else. */
export const signedMessage = (sha256: string): string => `lifecycle-studio/pack v1 sha256:${sha256}`;

/** Readable name of a section for messages: `journey "aarrr"`, `notes`, … */
export function describeSection(name: string): string {
  if (name.startsWith('journey:')) return `journey "${name.slice('journey:'.length)}"`;
  if (name.startsWith('journey#')) return `journey #${Number(name.slice('journey#'.length)) + 1}`;
  if (name === 'other') return 'unknown top-level members';
  return name;
}
