import { FerryError } from '../protocol/ferryError';

/**
 * Why a state token did not open, for logs only. The device always gets the same `sync_state_invalid`
 * (410) whatever the reason, so an attacker learns nothing from trying.
 * - `too_long`: over 4096 characters (checked before decoding anything);
 * - `malformed`: not canonical base64url, or the frame is too short or its key id is not a key id;
 * - `unsupported_version`: the first byte is not a token format this build reads;
 * - `unknown_key`: sealed with a key no longer (or never) in the ring;
 * - `auth_failed`: the GCM tag does not verify: altered bytes, another user, tenant or collection,
 *   or another key under the same id;
 * - `bad_payload`: authentic but does not inflate or parse, or fails today's payload schema.
 */
export const stateFailureReasons = ['too_long', 'malformed', 'unsupported_version', 'unknown_key', 'auth_failed', 'bad_payload'] as const;
export type StateFailureReason = (typeof stateFailureReasons)[number];

/**
 * The one error every failure to open a state token becomes. No `cause` is attached on purpose:
 * crypto and parser messages could carry token or payload bytes into logs.
 */
export function stateInvalid(reason: StateFailureReason): FerryError {
  return new FerryError('sync_state_invalid', { logReason: reason });
}
