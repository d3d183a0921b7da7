/** The template pack: manifest, journeys, per-stage notes and sample cohort settings, and the one-file envelope it travels in. */
import { z } from 'zod';
import { Identifier, LocalizedText, Slug } from '../schema/common.ts';
import { JourneyDocument } from '../schema/document.ts';
import { Params } from '../schema/params.ts';

/** Semantic version `MAJOR.MINOR.PATCH` (pre-release and build suffixes allowed). */
export const SemVer = z
  .string()
  .max(64)
  .regex(
    /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/,
    'must be a semantic version such as 1.2.0',
  );

/** What one lifecycle stage is for and how it is worked, in both UI languages. */
export const StageNote = z.strictObject({
  purpose: LocalizedText,
  typicalActions: z.array(LocalizedText).min(1).max(50),
  channels: z.array(LocalizedText).min(1).max(50),
  kpis: z.array(LocalizedText).min(1).max(50),
});
export type StageNote = z.infer<typeof StageNote>;

/** Notes keyed by stage id; every stage of the pack's journeys has one. */
export const StageNotes = z.record(Identifier, StageNote);
export type StageNotes = z.infer<typeof StageNotes>;

/**
 * Settings for the pack's sample cohort: how many synthetic customers, the PRNG seed, how many days of
 * behaviour, and the share of each behaviour (names are defined by the pack's cohort generator).
 */
export const CohortSettings = z.strictObject({
  size: z.number().int().min(1).max(100_000),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  days: z.number().int().min(1).max(3660),
  mix: z.record(Identifier, z.number().min(0).max(1000)).refine((mix) => Object.values(mix).some((w) => w > 0), 'needs at least one behaviour with a weight above 0'),
});
export type CohortSettings = z.infer<typeof CohortSettings>;

export const Author = z.strictObject({
  name: z.string().min(1).max(200),
  contact: z.string().max(200).optional(),
});

/** The descriptive part of a pack: everything except its journeys, notes and cohort. */
export const PackManifestFields = {
  id: Slug,
  name: LocalizedText,
  version: SemVer,
  author: Author,
  description: LocalizedText,
  /** Parameters a client sets when installing; each is applied to every journey of the pack that declares it. */
  params: Params.default({}),
};

export const Pack = z.strictObject({
  ...PackManifestFields,
  journeys: z.array(JourneyDocument).min(1).max(50),
  notes: StageNotes,
  cohort: CohortSettings,
});
/** A validated pack (defaults filled in). */
export type Pack = z.infer<typeof Pack>;
/** A pack as written by hand (defaults may be left out). */
export type PackInput = z.input<typeof Pack>;

/**
 * A pack as a consultant keeps it in a folder: `pack.json` (this), `journeys/<id>.json` for each id
 * listed in `journeys`, and `notes.json`.
 */
export const PackManifest = z.strictObject({
  ...PackManifestFields,
  journeys: z.array(Slug).min(1).max(50),
  cohort: CohortSettings,
});
export type PackManifest = z.infer<typeof PackManifest>;

export const PACK_FORMAT = 'lifecycle-studio/pack';
export const PACK_FORMAT_VERSION = 1;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');
const Base64Url = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/**
 * The exported file. `digests` holds one SHA-256 per section of `pack` (see `packSections`);
 * `sha256` is the SHA-256 of the canonical digest list, so it covers the whole content; `signature`
 * is an Ed25519 signature by `publicKey` over `sha256`. `pack` is checked against `Pack` separately,
 * after its integrity, so that a damaged file is reported as damaged rather than as invalid.
 */
export const PackFile = z.strictObject({
  format: z.literal(PACK_FORMAT),
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  pack: z.record(z.string(), z.unknown()),
  digests: z.record(z.string().max(200), Sha256Hex),
  sha256: Sha256Hex,
  signature: Base64Url.optional(),
  publicKey: Base64Url.optional(),
});
export type PackFile = z.infer<typeof PackFile>;
