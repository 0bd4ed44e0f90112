import type { MoveMissCounts } from '../../dev/graphSim/resources/mail/messages/messageDeltaRound';
import type { Stack } from '../helpers/startStack';
import type { BodyPreference } from '../../shared/protocol/schemas/mail';
import { expectedFolderCopy } from './mailboxChanges';
import type { ReferenceDevice } from './referenceDevice';

/**
 * The final check of a mail convergence run with the simulator's immutable-id move miss on (mgdc#72,
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/72), and which cure healed it:
 * - a message moved out and back between two syncs comes as `@removed`: Ferry's check of removed ids
 *   must heal it within the device's ordinary rounds, so the copy is exact without a full round;
 * - a message moved back after the device saw it leave is never reported: only a full round heals it.
 *   The copy may differ after the ordinary rounds only when that older miss happened in the run; then a
 *   full round (what FERRY_FULL_ROUND_HOURS starts; here the device starts it, restarting the collection
 *   without state, which the reset rule treats alike) must make it exact.
 */
export type Healing = 'rounds' | 'fullRound';

export interface MoveMissTally {
  runs: number;
  /** Runs where Graph reported a message moved out and back as removed, and the ordinary rounds healed it. */
  healedByCheck: number;
  /** Runs that needed the full round (all of them had the older miss). */
  healedByFullRound: number;
  /** Runs with the older miss that needed no full round (the message changed again, or left again). */
  olderMissHealedByRounds: number;
}

export function newMoveMissTally(): MoveMissTally {
  return { runs: 0, healedByCheck: 0, healedByFullRound: 0, olderMissHealedByRounds: 0 };
}

export function describeMoveMissTally(name: string, t: MoveMissTally): string {
  return (
    `${name}, immutable-id move miss (mgdc#72) over ${t.runs} runs: out-and-back healed by Ferry's check of @removed ids in ${t.healedByCheck}, ` +
    `older miss healed by a full round in ${t.healedByFullRound} (by later changes in ${t.olderMissHealedByRounds})`
  );
}

export interface FolderCheck {
  stack: Stack;
  upn: string;
  device: ReferenceDevice;
  folderId: string;
  window: number;
  body: BodyPreference;
  maxCalls: number;
}

/** The device syncs the folder to `more: false`; its copy must equal the folder (see the module comment). */
export async function expectFolderHealed(check: FolderCheck, missesAtStart: MoveMissCounts): Promise<Healing> {
  const { stack, upn, device, folderId } = check;
  await device.syncMail(folderId, { window: check.window, body: check.body, maxCalls: check.maxCalls });
  const collection = device.mail.get(folderId)!;
  const expected = await expectedFolderCopy(stack, upn, folderId, collection.body);
  if (equal(collection.replica.items, expected)) return 'rounds';
  const olderMisses = stack.sim.state.moveMisses(upn).movedBack - missesAtStart.movedBack;
  // Only the older miss may leave the copy short after the ordinary rounds: show the difference otherwise.
  if (olderMisses === 0) expect(collection.replica.items).toEqual(expected);
  collection.replica.forgetState();
  await device.syncMail(folderId, { window: check.window, body: check.body, maxCalls: check.maxCalls });
  expect(collection.replica.items).toEqual(await expectedFolderCopy(stack, upn, folderId, collection.body));
  return 'fullRound';
}

/** Tallies one run from its folders' healings and the miss counts at its start and end. */
export function tallyRun(tally: MoveMissTally, healings: Healing[], start: MoveMissCounts, end: MoveMissCounts): void {
  tally.runs++;
  const fullRound = healings.includes('fullRound');
  if (fullRound) tally.healedByFullRound++;
  else if (end.movedBack > start.movedBack) tally.olderMissHealedByRounds++;
  if (end.outAndBack > start.outAndBack && !fullRound) tally.healedByCheck++;
}

function equal(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
