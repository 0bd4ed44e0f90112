import { cutPage, type DeltaRound, type DeltaState, type PageCut, type RoundEntry } from '../../core/delta/deltaPaging';
import { continueFolderRound, startFolderRound } from './folders/folderDeltaRound';
import { GraphError, graphErrors } from '../../core/graphError';
import type { FolderRecord } from './mailboxTypes';
import { continueMessageRound, startMessageRound } from './messages/messageDeltaRound';
import { parseFilter, parseOrderBy } from './messages/messageFilter';
import { parseCount, parseSelect } from '../../core/odataQuery';
import { requireFolderChain, requireStore } from './resolveTargets';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { json, linkTo, preferenceApplied } from '../../core/simResponses';
import { toGraphFolder, folderProperties } from './folders/toGraphFolder';
import { selectableMessageProperties, toGraphMessage, toPartialGraphMessage } from './messages/toGraphMessage';

/** UNVERIFIED: Graph's default delta page size when no Prefer/$top is sent, and its largest. */
const defaultDeltaPage = 10;
const maxDeltaPage = 1000;

interface DeltaResource {
  resource: 'folders' | 'messages';
  folderId?: string;
  /** Path below the user segment, e.g. `mailFolders/delta`. */
  path: string;
  start(): DeltaRound;
  continueFrom(state: DeltaState): DeltaRound;
  render(entry: RoundEntry, round: DeltaRound): Record<string, unknown> | undefined;
  metadata: string;
}

/**
 * An expired, evicted, forged or foreign token: 410 with `syncStateNotFound` (the code the docs list
 * for an expired delta token, https://learn.microsoft.com/graph/errors#code-property) and a Location
 * that starts a new round, as the docs' "synchronization reset" describes. UNVERIFIED: the exact code
 * casing Outlook sends (seen as `SyncStateNotFound` too); compare case-insensitively.
 */
function syncStateGone(ctx: HandlerContext, path: string): GraphError {
  return new GraphError(410, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.', {
    headers: { Location: linkTo(ctx, path, new URLSearchParams()) },
  });
}

function serveDelta(ctx: HandlerContext, resource: DeltaResource): SimResponse {
  const query = ctx.request.query;
  const token = query.get('$skiptoken') ?? query.get('$deltatoken');
  let round: DeltaRound;
  let position = 0;
  let memo: { cuts?: Map<number, PageCut> } | undefined;
  if (token !== null) {
    const found = ctx.sim.tokens.lookup(token, ctx.oid);
    const kind = query.get('$skiptoken') !== null ? 'skip' : 'delta';
    if (found.status === 'gone' || found.payload.type !== kind) throw syncStateGone(ctx, resource.path);
    const payload = found.payload;
    const state = payload.type === 'skip' ? payload.round.state : payload.state;
    if (state.resource !== resource.resource || state.folderId !== resource.folderId) throw syncStateGone(ctx, resource.path);
    if (payload.type === 'skip') {
      round = payload.round;
      position = payload.position;
      memo = payload;
    } else {
      round = resource.continueFrom(payload.state);
    }
  } else {
    round = resource.start();
  }
  const pageSize = Math.min(ctx.prefer.maxPageSize ?? round.state.top ?? defaultDeltaPage, maxDeltaPage);
  // A replayed nextLink with the same page size answers the same page and the same next link; with
  // another size it is cut again, since the size is a maximum the caller may lower from call to call.
  const cut = memo?.cuts?.get(pageSize) ?? cutPage(ctx.sim.tokens, ctx.oid, round, position, pageSize, { enabled: ctx.sim.flags.shortPages, random: ctx.sim.random });
  if (memo) (memo.cuts ??= new Map()).set(pageSize, cut);
  const value = round.entries
    .slice(cut.start, cut.end)
    .map((entry) => resource.render(entry, round))
    .filter((item): item is Record<string, unknown> => item !== undefined);
  // Literal `$skiptoken=`/`$deltatoken=`, as in Graph's own links (the tokens are URL-safe).
  const link = (name: string, value: string) => `${linkTo(ctx, resource.path, new URLSearchParams())}?${name}=${value}`;
  return json(
    200,
    {
      '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#Collection(${resource.metadata})`,
      ...(cut.nextToken ? { '@odata.nextLink': link('$skiptoken', cut.nextToken) } : { '@odata.deltaLink': link('$deltatoken', cut.deltaToken!) }),
      value,
    },
    preferenceApplied({ maxPageSize: ctx.prefer.maxPageSize && pageSize, bodyContentType: resource.resource === 'messages' ? ctx.prefer.bodyContentType : undefined }),
  );
}

/** GET /mailFolders/delta (https://learn.microsoft.com/graph/api/mailfolder-delta). */
export function folderDelta(ctx: HandlerContext): SimResponse {
  const store = requireStore(ctx);
  const topLevelOnly = () => ctx.sim.flags.folderDeltaTopLevelOnly;
  return serveDelta(ctx, {
    resource: 'folders',
    path: 'mailFolders/delta',
    metadata: 'mailFolder',
    start: () => startFolderRound(store, parseSelect(ctx.request.query.get('$select'), folderProperties, 'mailFolder'), topLevelOnly()),
    continueFrom: (state) => continueFolderRound(store, state, topLevelOnly()),
    render: (entry, round) => {
      if (entry.removed) return { id: entry.id, '@removed': { reason: 'deleted' } };
      const folder = store.folders.get(entry.id);
      // Gone or hidden since the round started: the next round reports it removed.
      return folder && store.isVisible(folder.id) ? toGraphFolder(store, folder, round.state.select) : undefined;
    },
  });
}

/** GET /mailFolders/{id}/messages/delta (https://learn.microsoft.com/graph/delta-query-messages). */
export function messageDelta(ctx: HandlerContext, chain: string[]): SimResponse {
  const store = requireStore(ctx);
  const folder = requireFolderChain(store, chain);
  return serveDelta(ctx, {
    resource: 'messages',
    folderId: folder.id,
    path: `mailFolders('${folder.id}')/messages/delta`,
    metadata: 'message',
    start: () => startMessageRound(store, { folderId: folder.id, ...firstRoundParams(ctx) }),
    continueFrom: (state) => continueMessageRound(store, state, { ...ctx.sim.flags, random: ctx.sim.random }),
    render: (entry, round) => renderMessageEntry(ctx, folder, entry, round),
  });
}

function renderMessageEntry(ctx: HandlerContext, folder: FolderRecord, entry: RoundEntry, round: DeltaRound): Record<string, unknown> | undefined {
  if (entry.removed) return { '@odata.type': '#microsoft.graph.message', id: entry.id, '@removed': { reason: 'deleted' } };
  const message = requireStore(ctx).messages.get(entry.id);
  if (!message || message.folderId !== folder.id) return undefined;
  const options = { select: round.state.select, bodyContentType: ctx.prefer.bodyContentType, withType: true };
  return entry.partial ? toPartialGraphMessage(message, round.sinceSeq, options) : toGraphMessage(message, options);
}

/**
 * Options of a first message delta request, as delta-query-messages allows them: `$select`, `$top`,
 * `$filter=receivedDateTime ge|gt X`, `$orderby=receivedDateTime desc`, `changeType`; no `$search`.
 */
function firstRoundParams(ctx: HandlerContext) {
  const query = ctx.request.query;
  if (query.get('$search') !== null) throw graphErrors.invalidRequest('$search is not supported in a delta query.');
  const filter = parseFilter(query.get('$filter'));
  if (filter.some((c) => c.property !== 'receivedDateTime' || (c.op !== 'ge' && c.op !== 'gt'))) throw graphErrors.invalidFilter();
  const orderBy = parseOrderBy(query.get('$orderby'));
  if (orderBy.some((o) => o.property !== 'receivedDateTime' || !o.descending)) {
    throw new GraphError(400, 'BadRequest', 'The only supported $orderby expression in a delta query is receivedDateTime desc.');
  }
  const changeType = query.get('changetype') ?? undefined;
  if (changeType !== undefined && !['created', 'updated', 'deleted'].includes(changeType)) {
    throw graphErrors.invalidRequest(`The changeType '${changeType}' is not supported. Use created, updated or deleted.`);
  }
  const top = query.get('$top') === null ? undefined : parseCount(query.get('$top'), '$top', defaultDeltaPage) || undefined;
  return {
    select: parseSelect(query.get('$select'), selectableMessageProperties, 'message'),
    filter: filter.length > 0 ? filter : undefined,
    changeType: changeType as DeltaState['changeType'],
    top,
    orderByReceivedDesc: orderBy.length > 0,
  };
}
