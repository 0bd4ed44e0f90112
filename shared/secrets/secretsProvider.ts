import type { KeyRing } from '../state/keyRing';

/**
 * Where Ferry's own secrets come from. Implementations load (and may cache or refresh) them; callers
 * ask each time they need one. The env provider reads process settings; a Key Vault provider will
 * read the state keys as the versions of one secret (key id = the 32-hex secret version, which fits
 * `keyIdPattern`) and build the ring with `createKeyRing`, newest enabled version first.
 */
export interface SecretsProvider {
  /** The state key ring: the current key seals, every key in it opens. */
  getStateKeyRing(): Promise<KeyRing>;
  /** Ferry's client secret for the on-behalf-of exchange. Never logged. */
  getClientSecret(): Promise<string>;
}
