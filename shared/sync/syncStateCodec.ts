import type { z } from 'zod';
import type { FerryConfig } from '../config';
import type { CommandContext } from '../runtime/commandContext';
import { openState, peekStateKeyId, sealState, type StateBinding } from '../state/stateToken';
import type { SyncRoundState } from './syncStateSchema';

/**
 * Opens the caller's state for this collection; every failure is 410 `sync_state_invalid`. The ring is
 * asked for the token's key first, so a provider that loads older keys on demand (Key Vault) has it
 * before openState, which stays synchronous; a key store that cannot be reached is 503, not 410.
 */
export async function openSyncState<T>(context: CommandContext, token: string, collection: string, schema: z.ZodType<T>): Promise<T> {
  return openState(token, bindingOf(context, collection), await context.keyRing(peekStateKeyId(token)), schema);
}

export async function sealSyncState<T>(context: CommandContext, collection: string, schema: z.ZodType<T>, payload: T): Promise<string> {
  return sealState(payload, bindingOf(context, collection), await context.keyRing(), schema);
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
export function shouldStartFullRound(previous: SyncRoundState, nowMs: number, config: FerryConfig): boolean {
  if (previous.inRound) return false;
  return toEpochSeconds(nowMs) - previous.roundStartedAt >= config.FERRY_FULL_ROUND_HOURS * 3600;
}

function bindingOf(context: CommandContext, collection: string): StateBinding {
  return { tid: context.caller.tid, oid: context.caller.oid, collection };
}
