import { errorCodes, type ErrorCode } from './errorCodes';

export interface FerryErrorOptions {
  /** Text shown to the device in `detail`. Must never contain mailbox content, tokens or ids of another user. */
  detail?: string;
  /** For 429/503: how long the device should wait. Rounded up to whole seconds (at least 1) on the wire. */
  retryAfterInMs?: number;
  /** Extra response headers (e.g. `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** Log-safe reason (an enum value, never free text from input) kept out of the device's answer. */
  logReason?: string;
  cause?: unknown;
}

/**
 * The one error type that becomes a device answer. `code` is from the closed table in errorCodes.ts;
 * everything else that escapes a handler becomes `internal_error` without details.
 */
export class FerryError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail?: string;
  readonly retryAfterInMs?: number;
  readonly headers: Record<string, string>;
  readonly logReason?: string;

  constructor(code: ErrorCode, options: FerryErrorOptions = {}) {
    super(options.detail ?? errorCodes[code].title, { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.detail = options.detail;
    this.retryAfterInMs = options.retryAfterInMs;
    this.headers = options.headers ?? {};
    this.logReason = options.logReason;
  }
}

export function isFerryError(value: unknown): value is FerryError {
  return value instanceof FerryError;
}
