export type SyncResetReason = 'gone' | 'sync_state_not_found' | 'sync_state_invalid' | 'resync_required';

/**
 * Graph can no longer continue a delta round: the sync engine restarts the round without a token.
 * Not a device error (a handler that lets it escape answers `internal_error`); the `Location` header of
 * a 410 is ignored on purpose, the engine rebuilds the first request itself.
 * https://learn.microsoft.com/en-us/graph/delta-query-overview#synchronization-reset
 */
export class GraphSyncResetError extends Error {
  readonly reason: SyncResetReason;
  readonly operation: string;
  readonly graphRequestId?: string;

  constructor(reason: SyncResetReason, operation: string, graphRequestId?: string) {
    super(`Graph asked to restart the delta round (${reason}).`);
    this.name = 'GraphSyncResetError';
    this.reason = reason;
    this.operation = operation;
    this.graphRequestId = graphRequestId;
  }
}

/**
 * Why Graph wants the round restarted, or undefined when it does not. Codes compare without regard to
 * case (Outlook has sent `SyncStateNotFound` where the docs write `syncStateNotFound`), whatever the
 * status. `SyncStateInvalid` answers a link followed under another id type than it was issued under
 * (https://github.com/alcionai/corso/pull/3176; UNVERIFIED status): Ferry always asks for immutable ids,
 * but a link from before that, or from Graph's side of a change, must not wedge the device.
 */
export function syncResetReason(status: number, graphCode: string | undefined, isDelta: boolean): SyncResetReason | undefined {
  const code = graphCode?.toLowerCase();
  if (code === 'syncstatenotfound') return 'sync_state_not_found';
  if (code === 'syncstateinvalid') return 'sync_state_invalid';
  if (code === 'resyncrequired') return 'resync_required';
  if (status === 410 && isDelta) return 'gone';
  return undefined;
}
