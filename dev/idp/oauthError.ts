import { randomUUID } from 'node:crypto';
import type { IdpResponse } from './idpResponse';

export interface OauthErrorOptions {
  status: number;
  /** RFC 6749 §5.2 error code (`invalid_grant`, `invalid_client`, ...). */
  error: string;
  /** The AADSTS number Entra uses for this case; it prefixes the description and fills `error_codes`. */
  aadsts: number;
  description: string;
  suberror?: string;
  /** JSON text of a claims challenge, passed on by Ferry to the device. */
  claims?: string;
  now: Date;
}

/**
 * An error answer of the token endpoint shaped like Entra's (see "Microsoft identity platform error
 * codes" on learn.microsoft.com): `error`, `error_description` starting with `AADSTSnnnnn:` and ending
 * with trace/correlation ids and a timestamp, `error_codes`, `timestamp`, `trace_id`, `correlation_id`,
 * `error_uri`, plus `suberror` and `claims` when set. MSAL reads `error`, `suberror` and `claims`.
 */
export function oauthError(options: OauthErrorOptions): IdpResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = options.now.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const body: Record<string, unknown> = {
    error: options.error,
    error_description:
      `AADSTS${options.aadsts}: ${options.description}` +
      ` Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [options.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${options.aadsts}`,
  };
  if (options.suberror) body.suberror = options.suberror;
  if (options.claims) body.claims = options.claims;
  return { status: options.status, body };
}
