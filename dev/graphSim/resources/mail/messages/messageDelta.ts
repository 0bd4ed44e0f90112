import type { DeltaRound, RoundEntry } from '../../../core/delta/deltaPaging';
import { defaultDeltaPage, type DeltaCollection } from '../../../core/delta/serveDelta';
import { GraphError, graphErrors } from '../../../core/graphError';
import { parseCount, parseSelect } from '../../../core/odataQuery';
import type { HandlerContext } from '../../../core/simContext';
import type { FolderRecord } from '../mailboxTypes';
import { requireFolderChain, requireStore } from '../resolveTargets';
import { continueMessageRound, startMessageRound, type MessageDeltaParams } from './messageDeltaRound';
import { parseFilter, parseOrderBy } from './messageFilter';
import { idFormFor } from './messageIdForm';
import { selectableMessageProperties, toGraphMessage, toPartialGraphMessage } from './toGraphMessage';

/**
 * GET /mailFolders/{id}/messages/delta (https://learn.microsoft.com/graph/delta-query-messages): one
 * folder's messages. UNVERIFIED: Recoverable Items\Deletions (`recoverableitemsdeletions`) has a delta
 * like any folder, holding the soft-deleted messages; no delta of a visible folder holds them.
 */
export function messageDelta(ctx: HandlerContext, chain: string[]): DeltaCollection<MessageDeltaParams> {
  const store = requireStore(ctx);
  const folder = requireFolderChain(store, chain);
  return {
    key: `mail.messages:${folder.id}`,
    path: `mailFolders('${folder.id}')/messages/delta`,
    itemType: 'message',
    start: () => startMessageRound(store, { folderId: folder.id, ...firstRoundParams(ctx) }),
    continueFrom: (state) => continueMessageRound(store, state, { ...ctx.sim.flags, random: ctx.sim.random }),
    render: (entry, round) => renderMessageEntry(ctx, folder, entry, round),
    appliedPreferences: { bodyContentType: ctx.prefer.bodyContentType },
  };
}

/** Graph tracks message changes per folder only. UNVERIFIED: the exact error; this is the one reported. */
export function messageDeltaWithoutFolder(): never {
  throw new GraphError(400, 'BadRequest', "Unsupported request: Change tracking is not supported against 'microsoft.graph.message'.");
}

/**
 * Entries in the request's id form (serveDelta refuses a link followed under the other form). A removed
 * message is reported by the id it had in this folder, which in REST form is not its id elsewhere.
 */
function renderMessageEntry(ctx: HandlerContext, folder: FolderRecord, entry: RoundEntry, round: DeltaRound<MessageDeltaParams>): Record<string, unknown> | undefined {
  const store = requireStore(ctx);
  const ids = idFormFor(store, ctx.prefer.immutableId);
  if (entry.removed) return { '@odata.type': '#microsoft.graph.message', id: ids.messageIn(entry.id, folder.id), '@removed': { reason: 'deleted' } };
  const message = store.messages.get(entry.id);
  if (!message || message.folderId !== folder.id) return undefined;
  const options = { select: round.state.select, bodyContentType: ctx.prefer.bodyContentType, withType: true, ids };
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
    changeType: changeType as MessageDeltaParams['changeType'],
    top,
    orderByReceivedDesc: orderBy.length > 0,
  };
}
