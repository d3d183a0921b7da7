/** Imports a pack file: validates it, verifies integrity and signature, and previews what installing it would add or change. */
import type { Diagnostic } from '../diagnostics.ts';
import { FORBIDDEN_NAMES } from '../schema/common.ts';
import type { JourneyDocument } from '../schema/document.ts';
import { canonicalJson } from './canonical-json.ts';
import { checkPackConsistency } from './consistency.ts';
import { verifyEd25519 } from './crypto.ts';
import { Pack, PackFile } from './schema.ts';
import { describeSection, packHash, sectionDigests, signedMessage } from './sections.ts';
import { compareSemVer } from './semver.ts';

/** Files larger than this are refused before parsing. */
export const MAX_PACK_FILE_CHARS = 10_000_000;

/** A journey already installed on the receiving side. */
export interface InstalledJourney {
  version: number;
  document: JourneyDocument;
}

/** What is installed already, so the import can say what it would add or change. */
export interface InstalledLookup {
  journey(id: string): InstalledJourney | undefined;
  pack(id: string): { version: string } | undefined;
}

export interface ImportPackOptions {
  existing?: InstalledLookup;
  /**
   * Public keys (base64url) the client trusts. When given, the pack must be signed by one of them;
   * when absent, a signature is still verified if present, and an unsigned pack gets a warning.
   */
  trustedKeys?: readonly string[];
}

export interface PackImportPreview {
  /** `new`: not installed; `upgrade`/`downgrade`: another version is installed; `same`: this version is installed. */
  pack?: { id: string; version: string; installedVersion?: string; status: 'new' | 'upgrade' | 'same' | 'downgrade' };
  added: { journeyId: string; version: number }[];
  /** Installed journeys whose content differs: installing makes `version` a new version beside `installedVersion`. */
  changed: { journeyId: string; installedVersion: number; version: number }[];
  unchanged: { journeyId: string; version: number }[];
}

export interface PackImportResult {
  ok: boolean;
  /** The validated pack, with changed journeys renumbered to their new versions. Absent when not ok. */
  pack?: Pack;
  preview: PackImportPreview;
  /** The public key that signed the pack, when it is signed and the signature is valid. */
  signedBy?: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const emptyPreview = (): PackImportPreview => ({ added: [], changed: [], unchanged: [] });

/**
 * Reads a pack file. Nothing is installed: the result says whether the pack is acceptable (`ok`),
 * gives the validated pack and a preview of what installing it would add, change (as new journey
 * versions, never overwriting) or leave alone. Rejected: text that is not a pack file, content that
 * does not match its digests (naming the changed part), a bad or untrusted signature, anything the
 * strict schemas refuse (unknown keys, reserved names, non-http URLs).
 *
 * @example
 * const result = await importPack(text, { existing: installed, trustedKeys: [consultantKey] });
 * if (result.ok) show(result.preview); else show(result.errors);
 */
export async function importPack(fileText: string, options: ImportPackOptions = {}): Promise<PackImportResult> {
  const warnings: Diagnostic[] = [];
  const reject = (...errors: Diagnostic[]): PackImportResult => ({ ok: false, preview: emptyPreview(), errors, warnings });

  if (fileText.length > MAX_PACK_FILE_CHARS) {
    return reject(error('too-large', `the file has ${fileText.length} characters; a pack file may have at most ${MAX_PACK_FILE_CHARS}`, []));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fileText);
  } catch (cause) {
    return reject(jsonSyntaxError(fileText, cause));
  }
  const envelope = PackFile.safeParse(raw);
  if (!envelope.success) {
    return reject(...envelope.error.issues.map((issue) => error('not-a-pack-file', `not a pack file: ${issue.message}`, issue.path.map(pathSegment))));
  }
  const file = envelope.data;

  const integrityErrors = await checkIntegrity(file);
  if (integrityErrors.length > 0) return reject(...integrityErrors);

  const signature = await checkSignature(file, options.trustedKeys);
  if (signature.error !== undefined) return reject(signature.error);
  if (signature.warning !== undefined) warnings.push(signature.warning);

  // Read from the parsed text itself: schema parsing drops a "__proto__" member silently, so it would slip past the digests.
  const reserved = reservedKeyPaths(typeof raw === 'object' && raw !== null ? (raw as { pack?: unknown }).pack : undefined, ['pack']);
  if (reserved.length > 0) {
    return reject(...reserved.map((path) => error('reserved-key', `the key "${String(path[path.length - 1])}" is reserved and may not appear in a pack`, path)));
  }
  const parsed = Pack.safeParse(file.pack);
  if (!parsed.success) {
    return reject(...parsed.error.issues.map((issue) => error('schema', issue.message, ['pack', ...issue.path.map(pathSegment)])));
  }
  const consistency = checkPackConsistency(parsed.data).map((d) => ({ ...d, path: ['pack', ...d.path] }));
  if (consistency.length > 0) return reject(...consistency);

  const { pack, preview } = previewInstall(parsed.data, options.existing);
  return { ok: true, pack, preview, ...(signature.signedBy === undefined ? {} : { signedBy: signature.signedBy }), errors: [], warnings };
}

async function checkIntegrity(file: PackFile): Promise<Diagnostic[]> {
  let actual: Record<string, string>;
  try {
    actual = await sectionDigests(file.pack);
  } catch (cause) {
    return [error('unreadable', `the pack content cannot be read as data: ${(cause as Error).message}`, ['pack'])];
  }
  const listed = file.digests;
  const errors: Diagnostic[] = [];
  for (const [name, digest] of Object.entries(actual)) {
    if (!Object.hasOwn(listed, name)) errors.push(error('integrity', `${describeSection(name)} is not in the pack's digest list: it was added after export`, sectionPath(name, file.pack)));
    else if (listed[name] !== digest) errors.push(error('integrity', `${describeSection(name)} was changed after export: its SHA-256 does not match the digest list`, sectionPath(name, file.pack)));
  }
  for (const name of Object.keys(listed)) {
    if (!Object.hasOwn(actual, name)) errors.push(error('integrity', `${describeSection(name)} is in the digest list but missing from the pack: it was removed after export`, ['digests', name]));
  }
  if (errors.length === 0 && (await packHash(listed)) !== file.sha256) {
    errors.push(error('integrity', 'the digest list was changed after export: the sha256 does not match it', ['digests']));
  }
  return errors;
}

async function checkSignature(
  file: PackFile,
  trustedKeys: readonly string[] | undefined,
): Promise<{ error?: Diagnostic; warning?: Diagnostic; signedBy?: string }> {
  const requireTrusted = trustedKeys !== undefined;
  if (file.signature === undefined && file.publicKey === undefined) {
    if (requireTrusted) return { error: error('unsigned', 'the pack is not signed, but only packs signed by a trusted key are accepted', ['signature']) };
    return { warning: { severity: 'warning', code: 'unsigned', message: 'the pack is not signed: its origin cannot be verified', path: ['signature'] } };
  }
  if (file.signature === undefined || file.publicKey === undefined) {
    const missing = file.signature === undefined ? 'signature' : 'publicKey';
    return { error: error('bad-signature', `the pack carries a ${missing === 'signature' ? 'public key but no signature' : 'signature but no public key'}`, [missing]) };
  }
  if (!(await verifyEd25519(file.publicKey, file.signature, signedMessage(file.sha256)))) {
    return { error: error('bad-signature', 'the signature is not valid for this content and public key: the pack was changed after signing or the signature is forged', ['signature']) };
  }
  if (requireTrusted && !trustedKeys.includes(file.publicKey)) {
    return { error: error('untrusted-signer', `the pack is signed by key ${file.publicKey}, which is not among the trusted keys`, ['publicKey']) };
  }
  return { signedBy: file.publicKey };
}

function previewInstall(pack: Pack, existing: InstalledLookup | undefined): { pack: Pack; preview: PackImportPreview } {
  const preview = emptyPreview();
  const installedPack = existing?.pack(pack.id);
  preview.pack = installedPack === undefined
    ? { id: pack.id, version: pack.version, status: 'new' }
    : { id: pack.id, version: pack.version, installedVersion: installedPack.version, status: packStatus(compareSemVer(pack.version, installedPack.version)) };

  const journeys = pack.journeys.map((journey) => {
    const installed = existing?.journey(journey.id);
    if (installed === undefined) {
      preview.added.push({ journeyId: journey.id, version: journey.version });
      return journey;
    }
    if (sameContent(installed.document, journey)) {
      preview.unchanged.push({ journeyId: journey.id, version: installed.version });
      return { ...journey, version: installed.version };
    }
    const version = installed.version + 1;
    preview.changed.push({ journeyId: journey.id, installedVersion: installed.version, version });
    return { ...journey, version };
  });
  return { pack: { ...pack, journeys }, preview };
}

const packStatus = (order: number): 'upgrade' | 'same' | 'downgrade' => (order > 0 ? 'upgrade' : order < 0 ? 'downgrade' : 'same');

/** Same journey apart from its version number. */
const sameContent = (a: JourneyDocument, b: JourneyDocument): boolean =>
  canonicalJson({ ...a, version: 0 }) === canonicalJson({ ...b, version: 0 });

function sectionPath(name: string, pack: Readonly<Record<string, unknown>>): (string | number)[] {
  if (name.startsWith('journey#')) return ['pack', 'journeys', Number(name.slice('journey#'.length))];
  if (name.startsWith('journey:')) {
    const id = name.slice('journey:'.length);
    const journeys = Array.isArray(pack.journeys) ? (pack.journeys as { id?: unknown }[]) : [];
    return ['pack', 'journeys', journeys.findIndex((journey) => journey?.id === id)];
  }
  if (name === 'manifest' || name === 'other') return ['pack'];
  return ['pack', name];
}

/** Paths of every `__proto__` / `constructor` / `prototype` key. Refused outright: the schema would otherwise drop some of them silently. */
function reservedKeyPaths(value: unknown, path: (string | number)[]): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => reservedKeyPaths(item, [...path, index]));
  return Object.keys(value).flatMap((key) => [
    ...(FORBIDDEN_NAMES.has(key) ? [[...path, key]] : []),
    ...reservedKeyPaths((value as Record<string, unknown>)[key], [...path, key]),
  ]);
}

function jsonSyntaxError(text: string, cause: unknown): Diagnostic {
  const message = cause instanceof Error ? cause.message : String(cause);
  const position = /position (\d+)/.exec(message);
  const diagnostic = error('not-json', `not a pack file: the text is not valid JSON (${message})`, []);
  if (position !== null) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = before[before.length - 1]!.length + 1;
    diagnostic.span = { line, column, endLine: line, endColumn: column + 1 };
  }
  return diagnostic;
}

const error = (code: string, message: string, path: (string | number)[]): Diagnostic => ({ severity: 'error', code, message, path });
const pathSegment = (segment: PropertyKey): string | number => (typeof segment === 'number' ? segment : String(segment));
