import type { FerryConfig } from '../config';
import type { CommandContext } from '../runtime/commandContext';
import { openState } from '../state/openState';
import { sealState } from '../state/sealState';
import { stateInvalid } from '../state/stateInvalid';
import { peekStateKeyId } from '../state/stateToken';
import type { StateCollection } from '../state/stateBinding';
import type { SyncStatePayload } from '../state/syncStatePayload';

type Kind = SyncStatePayload['kind'];
export type StateOf<K extends Kind> = Extract<SyncStatePayload, { kind: K }>;
/** A payload as commands write it: the format version is added here. */
export type StateDraft<K extends Kind> = Omit<StateOf<K>, 'v'>;

/**
 * Opens the caller's state for this collection; every failure is 410 `sync_state_invalid`. The ring is
 * asked for the token's key first, so a provider that loads older keys on demand (Key Vault) has it
 * before openState, which stays synchronous; a key store that cannot be reached is 503, not 410.
 */
export async function openSyncState<K extends Kind>(context: CommandContext, token: string, collection: StateCollection, kind: K): Promise<StateOf<K>> {
  const payload = openState(token, bindingOf(context, collection), await context.keyRing(peekStateKeyId(token)));
  // The collection is bound into the token, so another kind cannot open here; checked for the type.
  if (payload.kind !== kind) throw stateInvalid('bad_payload');
  return payload as StateOf<K>;
}

export async function sealSyncState<K extends Kind>(context: CommandContext, collection: StateCollection, draft: StateDraft<K>): Promise<string> {
  return sealState({ v: 1, ...draft } as unknown as SyncStatePayload, bindingOf(context, collection), await context.keyRing());
}

/** Epoch seconds, the unit the state keeps (`roundStartedAt`). */
export function toEpochSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

/**
 * Graph's delta with immutable ids can miss a message moved out of a folder and back in; a full round
 * every FERRY_FULL_ROUND_HOURS bounds how long such a miss can last. Only between rounds: a round in
 * progress is finished first.
 */
export function shouldStartFullRound(previous: SyncStatePayload, nowMs: number, config: FerryConfig): boolean {
  if (previous.inRound) return false;
  return toEpochSeconds(nowMs) - previous.roundStartedAt >= config.FERRY_FULL_ROUND_HOURS * 3600;
}

function bindingOf(context: CommandContext, collection: StateCollection) {
  return { tid: context.caller.tid, oid: context.caller.oid, collection };
}
