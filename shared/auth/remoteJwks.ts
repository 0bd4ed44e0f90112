import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

const sets = new Map<string, JWTVerifyGetKey>();

/**
 * The JWKS at `url`, one instance per URL for the life of the process, so keys are fetched once and
 * shared by every verifier (jose keeps them 10 minutes). A token with an unknown `kid` triggers a
 * refetch at most every 30 seconds (`cooldownDuration`), which bounds what a stream of forged kids costs.
 */
export function remoteJwks(url: string): JWTVerifyGetKey {
  let set = sets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000 });
    sets.set(url, set);
  }
  return set;
}
