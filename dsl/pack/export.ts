/** Exports a pack as one self-checking file: canonical content, per-section digests, overall SHA-256, optional Ed25519 signature. */
import { formatPath, type Diagnostic } from '../diagnostics.ts';
import { canonicalJson } from './canonical-json.ts';
import { checkPackConsistency } from './consistency.ts';
import { publicKeyOf, signEd25519 } from './crypto.ts';
import { Pack, PACK_FORMAT, PACK_FORMAT_VERSION, type PackFile, type PackInput } from './schema.ts';
import { packHash, sectionDigests, signedMessage } from './sections.ts';

/** Thrown when a pack to export is not valid; carries every diagnostic. */
export class InvalidPackError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`the pack is not valid:\n${diagnostics.map((d) => `  ${formatPath(d.path)}: ${d.message}`).join('\n')}`);
    this.name = 'InvalidPackError';
  }
}

export interface ExportPackOptions {
  /** Ed25519 private key (JWK or CryptoKey). When given, the file carries a signature and the public key. */
  privateKey?: JsonWebKey | CryptoKey;
}

/**
 * Validates a pack and serialises it as ONE file: JSON with sorted keys (the hash is taken over the
 * canonical form, so whitespace never matters), `digests` per section, `sha256` over the digests and,
 * with a private key, `signature` + `publicKey`. Throws `InvalidPackError` for an invalid pack.
 *
 * @example
 * const text = await exportPack(pack);                       // unsigned
 * const signed = await exportPack(pack, { privateKey: jwk }); // signed
 */
export async function exportPack(pack: PackInput | Pack, options: ExportPackOptions = {}): Promise<string> {
  const parsed = Pack.safeParse(pack);
  if (!parsed.success) {
    throw new InvalidPackError(
      parsed.error.issues.map((issue) => ({ severity: 'error', code: 'schema', message: issue.message, path: issue.path.map(pathSegment) })),
    );
  }
  const problems = checkPackConsistency(parsed.data);
  if (problems.length > 0) throw new InvalidPackError(problems);

  // Round-trip through canonical JSON so the file holds plain data only (no prototypes, no undefined members).
  const content = JSON.parse(canonicalJson(parsed.data)) as Record<string, unknown>;
  const digests = await sectionDigests(content);
  const sha256 = await packHash(digests);
  const file: PackFile = { format: PACK_FORMAT, formatVersion: PACK_FORMAT_VERSION, pack: content, digests, sha256 };
  if (options.privateKey !== undefined) {
    file.publicKey = await publicKeyOf(options.privateKey);
    file.signature = await signEd25519(options.privateKey, signedMessage(sha256));
  }
  return `${JSON.stringify(JSON.parse(canonicalJson(file)), null, 2)}\n`;
}

const pathSegment = (segment: PropertyKey): string | number => (typeof segment === 'number' ? segment : String(segment));
