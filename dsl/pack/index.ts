/** Template packs: the format, export to one signed file, import with integrity checks and an install preview. */
export { canonicalJson } from './canonical-json.ts';
export { checkPackConsistency } from './consistency.ts';
export { generateSigningKey, publicKeyOf, sha256Hex, type SigningKeyPair } from './crypto.ts';
export { exportPack, InvalidPackError, type ExportPackOptions } from './export.ts';
export {
  importPack,
  MAX_PACK_FILE_CHARS,
  type ImportPackOptions,
  type InstalledJourney,
  type InstalledLookup,
  type PackImportPreview,
  type PackImportResult,
} from './import.ts';
export { applyPackParams } from './params.ts';
export * from './schema.ts';
export { packSections, sectionDigests } from './sections.ts';
export { compareSemVer } from './semver.ts';
