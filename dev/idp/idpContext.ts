import type { Clock } from '../../shared/clock';
import type { IdpSigningKey } from './signingKey';
import type { TenantPath } from './resolveTenantPath';

/** Request counts, so tests can assert what did not happen (no on-behalf-of exchange for a rejected caller). */
export interface IdpCounters {
  /** Token requests with the jwt-bearer (on-behalf-of) grant, successful or not. */
  oboExchanges: number;
  /** GETs of a JWKS document. */
  jwksFetches: number;
  /** POSTs to a token endpoint, any grant. */
  tokenRequests: number;
}

/** What a grant handler needs to answer one token request. */
export interface IdpContext {
  /** Origin of the IdP, e.g. `https://localhost:7073`. */
  url: string;
  key: IdpSigningKey;
  clock: Clock;
  tenantPath: TenantPath;
}
