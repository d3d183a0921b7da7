/** SHA-256 and Ed25519 through WebCrypto (`globalThis.crypto.subtle`), so packs are checked the same way in Node and in browsers. */

const subtle = (): SubtleCrypto => {
  const webCrypto = globalThis.crypto;
  if (webCrypto?.subtle === undefined) throw new Error('WebCrypto (crypto.subtle) is not available in this environment');
  return webCrypto.subtle;
};

const ED25519 = { name: 'Ed25519' } as const;

/**
 * The SHA-256 of a string's UTF-8 bytes, as lower-case hex.
 *
 * @example
 * await sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** base64url without padding (RFC 4648 §5), the encoding of JWK members. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional); undefined when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  const base64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** A consultant's signing key: the private key as a JWK (keep it secret) and the public key to hand to clients. */
export interface SigningKeyPair {
  privateKey: JsonWebKey;
  /** The raw 32-byte Ed25519 public key, base64url (the JWK's `x`). */
  publicKey: string;
}

/**
 * Makes a new Ed25519 key pair for signing packs.
 *
 * @example
 * const { privateKey, publicKey } = await generateSigningKey();
 * const file = await exportPack(pack, { privateKey });
 * // give `publicKey` to clients; they pass it in `trustedKeys`
 */
export async function generateSigningKey(): Promise<SigningKeyPair> {
  const pair = (await subtle().generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateKey = await subtle().exportKey('jwk', pair.privateKey);
  const publicKey = toBase64Url(new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
  return { privateKey, publicKey };
}

/** The base64url public key belonging to an Ed25519 private key (a JWK carries it as `x`; a CryptoKey must be extractable). */
export async function publicKeyOf(privateKey: JsonWebKey | CryptoKey): Promise<string> {
  const jwk = isCryptoKey(privateKey) ? await subtle().exportKey('jwk', privateKey) : privateKey;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new Error('the signing key must be an Ed25519 key (JWK with kty "OKP", crv "Ed25519" and x)');
  }
  return jwk.x;
}

/** Signs a message with an Ed25519 private key; the signature is base64url. */
export async function signEd25519(privateKey: JsonWebKey | CryptoKey, message: string): Promise<string> {
  const key = isCryptoKey(privateKey) ? privateKey : await subtle().importKey('jwk', { ...privateKey, key_ops: ['sign'] }, ED25519, false, ['sign']);
  const signature = await subtle().sign(ED25519, key, new TextEncoder().encode(message));
  return toBase64Url(new Uint8Array(signature));
}

/** Whether `signature` (base64url) is a valid Ed25519 signature of `message` by `publicKey` (base64url raw key). Malformed input is simply invalid. */
export async function verifyEd25519(publicKey: string, signature: string, message: string): Promise<boolean> {
  const keyBytes = fromBase64Url(publicKey);
  const signatureBytes = fromBase64Url(signature);
  if (keyBytes?.length !== 32 || signatureBytes?.length !== 64) return false;
  try {
    const key = await subtle().importKey('raw', keyBytes, ED25519, false, ['verify']);
    return await subtle().verify(ED25519, key, signatureBytes, new TextEncoder().encode(message));
  } catch {
    return false;
  }
}

const isCryptoKey = (key: JsonWebKey | CryptoKey): key is CryptoKey =>
  typeof CryptoKey !== 'undefined' && key instanceof CryptoKey;
