import type { z } from 'zod';
import type { GraphRequest } from '../graph/graphRequest';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { maxStateLength } from '../protocol/schemas/common';
import type { CommandContext } from '../runtime/commandContext';
import type { ParentLink } from './completeFromParents';
import type { MembershipCheck } from './fillInPartialItems';
import { runSyncRound } from './runSyncRound';
import { openSyncState, sealSyncState, shouldStartFullRound, toEpochSeconds } from './syncStateCodec';
import { syncStateSchema, type SyncRoundState } from './syncStateSchema';
import type { RemovedCheck } from './verifyRemovedItems';

/**
 * What one answer of a synced collection needs from its definition, decided per call from the input
 * and the previous state.
 */
export interface SyncPlan<GraphItem, DeviceItem, Extra> {
  /** The definition's own state fields, sealed with this answer beside the round fields. */
  state: Extra;
  /** Most entries (upserts + removed) in one answer. */
  window: number;
  startRequest(maxPageSize: number): GraphRequest;
  linkRequest(link: string, maxPageSize: number): GraphRequest;
  /** The fields a complete item has (`$select`); an item that lacks some is filled in. */
  select: readonly string[];
  fillInRequest(id: string, missingFields: string[]): GraphRequest;
  /** Whether a filled-in item is still in the collection (mail: in the synced folder); one that left is reported removed. */
  membership?: MembershipCheck;
  /** The device form, or undefined when the device must not see the item (it is reported removed). */
  toDevice(item: GraphItem): DeviceItem | undefined;
  /**
   * The device form of an item `toDevice` (or `toDeviceWithin`) threw on: what did translate, flagged
   * as degraded. Must not throw. The engine calls each translation under its own guard, so one
   * stranger's item never fails the answer (which would stop the collection's sync for good: every
   * retry meets the same item). Without it, the error fails the answer.
   */
  toDeviceDegraded?(item: GraphItem): DeviceItem;
  /**
   * The device form in at most `maxBytes` of JSON, for collections whose items can be large (a body
   * cut, `truncated: true`). Without it, an item larger than the answer budget is a 502.
   */
  toDeviceWithin?(item: GraphItem, maxBytes: number): DeviceItem;
  /**
   * Checks Graph's `@removed` ids (verifyRemovedItems): one still in the collection becomes an upsert.
   * Without it the removals go to the device as Graph sent them.
   */
  checkRemoved?: RemovedCheck<GraphItem>;
  /**
   * Items that stand on another (calendar: occurrences on their series master): completed from it
   * before fill-in, and every answer holding one holds its parent before it (completeFromParents).
   */
  parents?: ParentLink<GraphItem>;
  /**
   * Items the device never gets, neither as upsert nor removed, judged on the complete item (after
   * fill-in): mail leaves out what was received before the round's `since`.
   */
  leaveOut?(item: GraphItem): boolean;
  /** When a round starts and ends in one answer: items the delta may have left out (by id). */
  completeRound?(items: ReadonlyMap<string, GraphItem>): Promise<GraphItem[]>;
  /** Turns a Graph failure of the round into the collection's own error (e.g. its folder is gone). */
  mapError?(error: unknown): unknown;
  /**
   * After the answer is cut: items the definition adds (their device form changed without the delta
   * saying so, e.g. folder counts; never an id the answer already has), within `roomInBytes` of JSON,
   * and its state fields as sealed with this answer (default: `state`).
   */
  amendAnswer?(answer: AnswerSoFar<DeviceItem>): Promise<{ upserts: DeviceItem[]; state: Extra }>;
}

/** An answer as the round cut it, for `amendAnswer`. */
export interface AnswerSoFar<DeviceItem> {
  upserts: readonly DeviceItem[];
  removed: readonly string[];
  /** The answer starts a round from nothing (the device then follows the reset rule). */
  reset: boolean;
  /** Bytes of JSON the answer's items may still take. */
  roomInBytes: number;
}

export interface SyncSetup<Previous> {
  context: CommandContext;
  /** The previous state (opened and checked), undefined on a first call. */
  previous?: Previous;
  /** True when this answer begins a round (a first, full or incremental one): refresh per-round facts. */
  startsRound: boolean;
  /** True when that round starts from nothing (a first or periodic full round, `reset: true`). */
  startsOver: boolean;
}

/** A synced collection: the command's docs and schemas (as any command's), its state fields and its per-call plan. */
export interface SyncCommandDefinition<Req extends z.ZodType, Res extends z.ZodType, GraphItem, DeviceItem, Kind extends string, Shape extends z.ZodRawShape>
  extends Omit<CommandDefinition<Req, Res, CommandContext>, 'handler'> {
  /** The state's `kind`, written into every state of this collection. */
  stateKind: Kind;
  /** The definition's own state fields (zod shape), sealed beside the round fields. */
  stateShape: Shape;
  /** The collection a state is bound to, e.g. `mail:<folderId>`; unique across definitions. */
  collection(input: z.infer<Req>): string;
  /**
   * Asked when an incremental round would begin: true makes it a round from nothing (`reset: true`)
   * instead, for a change the delta does not report (contact folders: a nested folder's, when the delta
   * leaves nested folders out).
   */
  startsOverWhen?(input: z.infer<Req>, setup: { context: CommandContext; previous: SyncRoundState<Kind> & z.infer<z.ZodObject<Shape>> }): Promise<boolean>;
  plan(
    input: z.infer<Req>,
    setup: SyncSetup<SyncRoundState<Kind> & z.infer<z.ZodObject<Shape>>>,
  ): Promise<SyncPlan<GraphItem, DeviceItem, z.infer<z.ZodObject<Shape>>>>;
}

/** A sync command: a command definition plus what tests and tools need to read its states. */
export interface SyncCommand<Req extends z.ZodType, Res extends z.ZodType, State> extends CommandDefinition<Req, Res, CommandContext> {
  /** The schema a state of this collection is sealed and opened with. */
  stateSchema: z.ZodType<State>;
  collection(input: z.infer<Req>): string;
}

/** Share of the time budget spent pulling delta pages; the rest is kept for fill-ins and the answer. */
export const pullingShareOfSyncBudget = 0.6;

/**
 * Share of the time budget after which no further page is translated: translation is synchronous CPU
 * (a page of crafted bodies costs real time to cut), and the answer must still be sealed, logged and
 * compressed before the deadline.
 */
export const translatingShareOfSyncBudget = 0.9;

/** Bytes of an answer besides its items: the state token and the flags. */
const answerOverheadInBytes = maxStateLength + 256;

/**
 * The one sync engine: a definition becomes a command that opens the state, runs the delta round
 * within the time and byte budgets, fills in partial items, translates, seals and logs. Every synced
 * collection (folders, a folder's mail, and later calendars and contacts) is one definition of it.
 */
export function defineSyncCommand<Req extends z.ZodType, Res extends z.ZodType, GraphItem, DeviceItem, Kind extends string, Shape extends z.ZodRawShape>(
  definition: SyncCommandDefinition<Req, Res, GraphItem, DeviceItem, Kind, Shape>,
): SyncCommand<Req, Res, SyncRoundState<Kind> & z.infer<z.ZodObject<Shape>>> {
  const schema = syncStateSchema(definition.stateKind, definition.stateShape) as unknown as z.ZodType<State>;
  type State = SyncRoundState<Kind> & z.infer<z.ZodObject<Shape>>;
  const { stateKind: _kind, stateShape: _shape, plan: _plan, startsOverWhen: _startsOverWhen, ...command } = definition;
  return {
    ...command,
    stateSchema: schema,
    async handler(input, context) {
      const collection = definition.collection(input);
      // The state is checked before anything else: a bad one is 410 whatever else is wrong.
      const token = (input as { state?: string }).state;
      const previous = token ? await openSyncState(context, token, collection, schema) : undefined;
      const startedAtInMs = context.clock.now();
      const startOver =
        !previous?.link ||
        shouldStartFullRound(previous, startedAtInMs, context.config) ||
        (!previous.inRound && definition.startsOverWhen !== undefined && (await definition.startsOverWhen(input, { context, previous })));
      const plan = await definition.plan(input, { context, previous, startsRound: startOver || !previous!.inRound, startsOver: startOver });
      const itemBudgetInBytes = context.config.FERRY_ANSWER_MAX_BYTES - answerOverheadInBytes;
      const round = await withMappedError(plan, () =>
        runSyncRound(plan, {
          graph: context.graph,
          clock: context.clock,
          link: startOver ? undefined : previous!.link,
          stopPullingAtInMs: Math.min(startedAtInMs + context.config.FERRY_SYNC_BUDGET_MS * pullingShareOfSyncBudget, context.deadlineInMs),
          itemBudgetInBytes,
          stopTranslatingAtInMs: Math.min(startedAtInMs + context.config.FERRY_SYNC_BUDGET_MS * translatingShareOfSyncBudget, context.deadlineInMs),
          // The class of what the translator threw is log-safe; its message may quote the item.
          onDegraded: (id, error) => context.logger.warn(`${definition.stateKind}.sync.degraded`, { itemId: id, errorName: errorName(error) }),
        }),
      );
      const amended = plan.amendAnswer ? await plan.amendAnswer({ ...round, roomInBytes: Math.max(0, itemBudgetInBytes - round.bytes) }) : undefined;
      const upserts = amended ? [...round.upserts, ...amended.upserts] : round.upserts;
      const state = await sealSyncState(context, collection, schema, {
        ...(amended?.state ?? plan.state),
        v: 1,
        kind: definition.stateKind,
        link: round.link,
        inRound: round.inRound,
        roundStartedAt: round.reset ? toEpochSeconds(startedAtInMs) : previous!.roundStartedAt,
      } as State);
      context.logger.info(`${definition.stateKind}.sync`, {
        upserts: upserts.length,
        amended: amended?.upserts.length ?? 0,
        removed: round.removed.length,
        filledIn: round.filledIn,
        removedChecked: round.removedChecked,
        removedStillHere: round.removedStillHere,
        parentsFetched: round.parentsFetched,
        pages: round.pages,
        answerBytes: round.bytes,
        reset: round.reset,
        more: round.more,
      });
      return { state, more: round.more, reset: round.reset, upserts, removed: round.removed } as z.infer<Res>;
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : typeof error;
}

async function withMappedError<T>(plan: { mapError?(error: unknown): unknown }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw plan.mapError ? plan.mapError(error) : error;
  }
}
