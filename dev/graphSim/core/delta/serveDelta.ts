import { GraphError } from '../graphError';
import type { HandlerContext, SimResponse } from '../simContext';
import { json, linkTo, preferenceApplied } from '../simResponses';
import { cutPage, issueNextToken, type DeltaRound, type DeltaState, type PageCut, type RoundEntry } from './deltaPaging';
import type { DeltaChain } from './deltaTokenTable';

/** UNVERIFIED: Graph's default delta page size when no Prefer is sent, and its largest. */
export const defaultDeltaPage = 10;
const maxDeltaPage = 1000;

/**
 * One change-tracked collection, as a resource describes it to the delta engine. The engine pages
 * rounds of ids and keeps their state behind tokens; what the ids are is the resource's business.
 */
export interface DeltaCollection<Params = unknown> {
  /** Opaque key: a token issued for one collection answers 410 in another. */
  key: string;
  /** Graph's item type, for `@odata.context` (`$metadata#Collection(message)`). */
  itemType: string;
  /** Path below the user segment that links repeat, e.g. `mailFolders/delta`. */
  path: string;
  /** The first round, from the request's options. */
  start(): DeltaRound<Params>;
  /** The next round, from a deltaLink's state. */
  continueFrom(state: DeltaState<Params>): DeltaRound<Params>;
  /** One entry as JSON, or undefined to leave it out of the page (gone since the round started). */
  render(entry: RoundEntry, round: DeltaRound<Params>): Record<string, unknown> | undefined;
  /** Random bytes of each token this collection's links carry (default 33: 44 characters). */
  tokenBytes?: number;
  /** Prefer values the items honoured besides `odata.maxpagesize`, for Preference-Applied. */
  appliedPreferences?: { bodyContentType?: 'text' | 'html'; timeZone?: string };
}

/**
 * An expired, evicted, forged or foreign token: 410 with `syncStateNotFound` (the code the docs list
 * for an expired delta token, https://learn.microsoft.com/graph/errors#code-property) and a Location
 * that starts a new round, as the docs' "synchronization reset" describes. UNVERIFIED: the exact code
 * casing Outlook sends (seen as `SyncStateNotFound` too); compare case-insensitively.
 */
function syncStateGone(ctx: HandlerContext, path: string): GraphError {
  return new GraphError(410, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.', {
    headers: { Location: restartLink(ctx, path) },
  });
}

/**
 * A link issued under one id form (`Prefer: IdType="ImmutableId"` or not) and followed under the other:
 * Exchange refuses the sync state with `SyncStateInvalid`, as reported in
 * https://github.com/alcionai/corso/pull/3176 ("Handles the `SyncStateInvalid` error if a delta URL
 * constructed without the immutable ID header is used"; corso restarts the round on the code alone).
 * UNVERIFIED: the status (400 assumed; other clients have matched the code under a 410 too) and
 * whether folder deltas, whose ids do not depend on the form, are refused as well (assumed: every
 * delta collection, the engine does not tell them apart).
 */
function syncStateInvalid(): GraphError {
  return new GraphError(400, 'SyncStateInvalid', 'The sync state is not valid for this request: it was created with another id type.');
}

/**
 * A link whose chain moved more than `deltaGenerationsKept` pages past it: 410 as Exchange words it,
 * code `SyncStateNotFound` and the generations in the message (mgdc#7975,
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/7975: "The sync state generation
 * is not found; generation=518;[highest=523][523][521][522]."; the code as in mgdc#7897). The Location
 * is the simulator's own, as for any 410.
 */
function generationGone(ctx: HandlerContext, path: string, generation: number, kept: readonly number[]): GraphError {
  const listed = kept.map((g) => `[${g}]`).join('');
  return new GraphError(410, 'SyncStateNotFound', `The sync state generation is not found; generation=${generation};[highest=${kept[0]}]${listed}.`, {
    headers: { Location: restartLink(ctx, path) },
  });
}

const restartLink = (ctx: HandlerContext, path: string) => linkTo(ctx, path, new URLSearchParams());

/**
 * GET on a delta collection: a first page, a `$skiptoken` page or a `$deltatoken` round.
 *
 * Every page served issues the next generation of the link's chain (deltaTokenTable.ts), and links
 * more than `deltaGenerationsKept` generations old answer 410. UNVERIFIED: what Exchange does with a
 * replayed link that is older than the newest but still kept. The simulator answers it as the first
 * time (a `$skiptoken`: the same page of the same round; a `$deltatoken`: the changes since it) and its
 * new link is one more generation of the chain, so the replay pushes the oldest one out and the links
 * issued after the first answer stay usable until they fall out of the window. Exchange might instead
 * forget the generations after the replayed one (a fork); nothing public says which. The simulator
 * takes the plain reading of "[highest=523][523][521][522]": one highest generation, the newest few kept.
 */
export function serveDelta<Params>(ctx: HandlerContext, collection: DeltaCollection<Params>): SimResponse {
  const query = ctx.request.query;
  const token = query.get('$skiptoken') ?? query.get('$deltatoken');
  let round: DeltaRound<Params>;
  let position = 0;
  let memo: { cuts?: Map<number, PageCut> } | undefined;
  let chain: DeltaChain | undefined;
  if (token !== null) {
    const found = ctx.sim.tokens.lookup(token, ctx.oid);
    const kind = query.get('$skiptoken') !== null ? 'skip' : 'delta';
    if (found.status === 'generationGone') throw generationGone(ctx, collection.path, found.generation, found.kept);
    if (found.status === 'gone' || found.payload.type !== kind) throw syncStateGone(ctx, collection.path);
    const payload = found.payload;
    const state = payload.type === 'skip' ? payload.round.state : payload.state;
    if (state.collection !== collection.key) throw syncStateGone(ctx, collection.path);
    if ((state.immutableIds ?? true) !== ctx.prefer.immutableId) throw syncStateInvalid();
    chain = found.chain;
    if (payload.type === 'skip') {
      round = payload.round as DeltaRound<Params>;
      position = payload.position;
      memo = payload;
    } else {
      const next = collection.continueFrom(payload.state as DeltaState<Params>);
      round = { ...next, state: { ...next.state, immutableIds: state.immutableIds } };
    }
  } else {
    const started = collection.start();
    round = { ...started, state: { ...started.state, immutableIds: ctx.prefer.immutableId } };
  }
  const pageSize = Math.min(ctx.prefer.maxPageSize ?? defaultDeltaPage, maxDeltaPage);
  // A replayed nextLink with the same page size answers the same page (with a link of a new
  // generation); with another size it is cut again, since the size is a maximum the caller may lower
  // from call to call.
  const cut = memo?.cuts?.get(pageSize) ?? cutPage(round, position, pageSize, { enabled: ctx.sim.flags.shortPages, random: ctx.sim.random });
  if (memo) (memo.cuts ??= new Map()).set(pageSize, cut);
  const next = issueNextToken(ctx.sim.tokens, ctx.oid, round, cut, chain, collection.tokenBytes);
  const value = round.entries
    .slice(cut.start, cut.end)
    .map((entry) => collection.render(entry, round))
    .filter((item): item is Record<string, unknown> => item !== undefined);
  // Literal `$skiptoken=`/`$deltatoken=`, as in Graph's own links (the tokens are URL-safe).
  const link = `${restartLink(ctx, collection.path)}?${next.name}=${next.token}`;
  return json(
    200,
    {
      '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#Collection(${collection.itemType})`,
      ...(next.name === '$skiptoken' ? { '@odata.nextLink': link } : { '@odata.deltaLink': link }),
      value,
    },
    preferenceApplied({ maxPageSize: ctx.prefer.maxPageSize && pageSize, ...collection.appliedPreferences }),
  );
}
