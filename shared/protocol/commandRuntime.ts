import type { Logger } from '../observability/logger';
import type { ServerTiming } from '../observability/serverTiming';
import type { CompressionSettings } from './compressResponse';

/** The settings the front door reads itself, a slice of FerryConfig. */
export interface FrontDoorSettings extends CompressionSettings {
  /** Exact origins allowed by CORS; empty: CORS off. */
  FERRY_CORS_ORIGINS: readonly string[];
  /** Base of problem `type` URIs (problemTypeBase.ts). */
  FERRY_PROBLEM_TYPE_BASE: string;
}

/**
 * What defineCommand needs from the process to serve a command: the composition root
 * (shared/runtime/runtime.ts) provides it and functions/ hands it in, so protocol/ knows no
 * implementation. `Caller` is whatever `verifyCaller` proves; it only passes through to the context.
 */
export interface CommandRuntime<Context, Caller = unknown> {
  readonly config: FrontDoorSettings;
  /** The caller of a request from its `Authorization` header; throws FerryError when refused. A signing-key fetch it runs counts as `auth` in `timing`. */
  verifyCaller(authorization: string | null, timing?: ServerTiming): Promise<Caller>;
  /**
   * The handler's context for one request; no I/O (anything with I/O starts on first use). `timing` is
   * the request's Server-Timing recorder: its Graph client, vault reads and exchanges report to it.
   */
  createCommandContext(input: { caller: Caller; requestId: string; logger: Logger; timing?: ServerTiming }): Context;
}
