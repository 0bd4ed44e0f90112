/** One version of a Key Vault secret, as Ferry needs it. */
export interface SecretValue {
  /** The 32-hex version id Key Vault gave it. */
  version: string;
  value: string;
  contentType?: string;
}

export interface SecretReadOptions {
  /** Every read carries one: the SDK waits out `Retry-After` and retries, this bounds the whole of it. */
  abortSignal: AbortSignal;
  /** Ask Key Vault to convert a PKCS#12 certificate to PEM (`application/x-pem-file`). */
  outContentType?: 'application/x-pem-file';
}

/**
 * Why a read failed, log-safe:
 * - `not_found`: no such secret or version (404);
 * - `disabled`: the version exists but is disabled (403, inner code `SecretDisabled`);
 * - `forbidden`: the caller lacks the role (403 `ForbiddenByRbac` and any other 403);
 * - `throttled`: 429 past the SDK's retries;
 * - `unavailable`: 5xx past the SDK's retries, or no connection;
 * - `timeout`: the wait budget ran out (the abort signal fired);
 * - `credential`: no token for the vault (managed identity endpoint down, token refused: 401);
 * - `unexpected`: anything else, including an answer without a value.
 */
export const secretReadFailures = ['not_found', 'disabled', 'forbidden', 'throttled', 'unavailable', 'timeout', 'credential', 'unexpected'] as const;
export type SecretReadFailure = (typeof secretReadFailures)[number];

/** A failed read. Carries no text from the vault: its messages name vaults, secrets and principals. */
export class SecretReadError extends Error {
  readonly reason: SecretReadFailure;
  /** The vault's `Retry-After` when it sent one. */
  readonly retryAfterInMs?: number;

  constructor(reason: SecretReadFailure, retryAfterInMs?: number) {
    super(`Key Vault read failed: ${reason}`);
    this.name = 'SecretReadError';
    this.reason = reason;
    this.retryAfterInMs = retryAfterInMs;
  }
}

/** The I/O edge: reads one secret version (`version` undefined: the latest). Throws SecretReadError. */
export interface SecretReader {
  read(name: string, version: string | undefined, options: SecretReadOptions): Promise<SecretValue>;
}
