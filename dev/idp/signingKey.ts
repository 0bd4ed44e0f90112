import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { ferryDevDir } from '../ferryDevDir';

/** The dev IdP's RS256 key: private half for signing, public half as published in its JWKS. */
export interface IdpSigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** `{kty, n, e, kid, use: 'sig', alg: 'RS256'}`, the shape of an Entra JWKS entry without its x5c chain. */
  publicJwk: JWK;
}

const fileName = 'idp-signing-key.json';
const loaded = new Map<string, Promise<IdpSigningKey>>();

/**
 * Loads the IdP's signing key from `{dir}/idp-signing-key.json`, creating it on first use, so tokens
 * minted before a restart still verify after it. Memoized per directory for the life of the process.
 * @param dir default `FERRY_DEV_DIR` or `.ferry-dev`
 */
export function ensureSigningKey(dir: string = ferryDevDir()): Promise<IdpSigningKey> {
  const key = resolve(dir);
  let pending = loaded.get(key);
  if (!pending) {
    pending = loadOrCreate(key);
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}

async function loadOrCreate(dir: string): Promise<IdpSigningKey> {
  const path = join(dir, fileName);
  if (!existsSync(path)) await create(dir, path);
  const privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  if (privateJwk.kty !== 'RSA' || typeof privateJwk.kid !== 'string' || !privateJwk.d) {
    throw new TypeError(`${path} is not a private RSA JWK with a kid; delete it to get a new key`);
  }
  const privateKey = (await importJWK(privateJwk, 'RS256')) as CryptoKey;
  const { kty, n, e, kid } = privateJwk;
  return { kid, privateKey, publicJwk: { kty, n, e, kid, use: 'sig', alg: 'RS256' } };
}

async function create(dir: string, path: string): Promise<void> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e });
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // link() creates the name only if it is absent, with the whole content: when two processes race
  // (the IdP and a test both starting), one key wins and both read it.
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}
