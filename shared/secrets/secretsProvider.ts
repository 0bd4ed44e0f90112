import type { KeyRing } from '../state/keyRing';
import type { ServerTiming } from '../observability/serverTiming';

/**
 * Where Ferry's own secrets come from. Implementations load (and may cache or refresh) them; callers
 * ask each time they need one. The env provider reads process settings (local development); the Key
 * Vault provider reads the state keys as the versions of one secret (key id = the 32-hex secret
 * version, which fits `keyIdPattern`), the current version sealing and older ones fetched on demand.
 */
export interface SecretsProvider {
  /**
   * The state key ring: the current key seals, every key in it opens. With `keyId` (the id a token
   * names), a provider that loads keys on demand loads that key first; an id it does not know (never
   * existed, disabled, malformed) is simply absent, so openState answers 410. A key store that cannot
   * be reached is FerryError 503 `upstream_unavailable` with a retry delay, never a made-up key.
   * A vault read the call waits on counts as `auth` in `timing` (Server-Timing).
   */
  getStateKeyRing(keyId?: string, timing?: ServerTiming): Promise<KeyRing>;
  /** Ferry's client secret for the on-behalf-of exchange (`FERRY_OBO_MODE=secret`). Never logged. */
  getClientSecret(): Promise<string>;
  /**
   * Ferry's client certificate for the on-behalf-of exchange (`FERRY_OBO_MODE=certificate`): PEM text
   * holding the private key and the certificate chain, leaf first. Never logged. Absent when the
   * provider has no certificates (the env provider).
   */
  getClientCertificatePem?(): Promise<string>;
}
