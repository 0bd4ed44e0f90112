import { loadMsal } from './loadMsal';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { bearerChallenge } from './bearerChallenge';

export interface MsalErrorContext {
  /** Where the device signs in again: `{authority}/{tid}/oauth2/v2.0/authorize`. */
  authorizationUri: string;
}

/** MSAL codes that mean the identity provider could not be reached or answered garbage (an outage page). */
const unreachable = new Set(['network_error', 'openid_config_error', 'endpoints_resolution_error', 'token_parsing_error', 'no_network_connectivity']);
/** Entra's own "try again later" answers (RFC 6749 §5.2 has `temporarily_unavailable` for this). */
const unavailable = new Set(['temporarily_unavailable', 'server_error']);
/** Ferry's credentials were refused: an operator's problem, retrying with the same secret will not help. */
const clientRefused = new Set(['invalid_client', 'unauthorized_client']);

const retryAfterInMs = 5000;

/**
 * The device answer for a failed on-behalf-of exchange. A user who must consent or satisfy conditional
 * access gets 401 `consent_required` with the claims challenge Entra sent, passed on as "Claims
 * challenges, claims requests and client capabilities" (learn.microsoft.com) describes:
 * `WWW-Authenticate: Bearer ..., error="insufficient_claims", claims="<base64 of the claims JSON>"`,
 * so the app can sign in again with those claims. Entra unreachable is 503 with a retry delay; anything
 * else is 502 `upstream_error` with a log reason and no text from Entra. The MSAL error is not kept as
 * `cause`: Entra's descriptions can name the user (AADSTS50034 quotes the UPN).
 */
export function fromMsalError(error: unknown, context: MsalErrorContext): FerryError {
  if (isFerryError(error)) return error;
  const { AuthError, InteractionRequiredAuthError } = loadMsal();
  if (!(error instanceof AuthError)) return new FerryError('upstream_error', { logReason: 'obo_failed' });

  const interaction = error instanceof InteractionRequiredAuthError;
  // MSAL raises InteractionRequiredAuthError only for suberrors it knows; any other invalid_grant with
  // a suberror is still the user's to resolve, not Ferry's.
  if (interaction || (error.errorCode === 'invalid_grant' && error.subError)) {
    const claims = interaction ? error.claims : '';
    const challenge: Record<string, string> = claims
      ? { authorization_uri: context.authorizationUri, error: 'insufficient_claims', claims: Buffer.from(claims).toString('base64') }
      : { authorization_uri: context.authorizationUri, error: 'invalid_token', error_description: 'User interaction is required.' };
    return new FerryError('consent_required', {
      headers: { 'WWW-Authenticate': bearerChallenge(challenge) },
      logReason: claims ? 'obo_claims_challenge' : 'obo_interaction_required',
    });
  }
  if (unreachable.has(error.errorCode) || unavailable.has(error.errorCode)) {
    return new FerryError('upstream_unavailable', {
      detail: 'The identity provider is unavailable.',
      retryAfterInMs,
      logReason: unreachable.has(error.errorCode) ? 'obo_unreachable' : 'obo_unavailable',
    });
  }
  if (clientRefused.has(error.errorCode)) return new FerryError('upstream_error', { logReason: 'obo_client_refused' });
  if (error.errorCode === 'invalid_grant') return new FerryError('upstream_error', { logReason: 'obo_invalid_grant' });
  return new FerryError('upstream_error', { logReason: 'obo_failed' });
}
