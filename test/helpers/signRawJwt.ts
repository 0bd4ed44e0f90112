import { webcrypto } from 'node:crypto';
import type { CryptoKey } from 'jose';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs a JWT with RS256 exactly as given: any header (unknown `crit`, `jku`, `x5c`...) and any payload.
 * jose refuses to sign some of these, which is right for jose and wrong for a hostile-token test.
 */
export async function signRawJwt(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: CryptoKey): Promise<string> {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = await webcrypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, privateKey as webcrypto.CryptoKey, Buffer.from(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}
