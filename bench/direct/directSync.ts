import { messageSelectFields } from '../../shared/translate/partialMessages';
import type { LinkClient } from '../clients/linkClient';
import type { SyncRun } from '../clients/ferrySync';

export interface DirectSyncRequest {
  folderId: string;
  /** The device's window: `Prefer: odata.maxpagesize`. */
  pageSize: number;
  /** `$select` with `body` (full text bodies: Graph cannot cut one) or without (lean). */
  withBody: boolean;
  /** Path and query of a deltaLink from an earlier round; absent: a first round. */
  link?: string;
}

export interface DirectRun extends SyncRun {
  /** Path and query of the link to continue from (a deltaLink once the round is done). */
  link: string;
  /** Items that carried only some of the selected fields (Graph's partial updates). */
  partialItems: number;
  /** Items that were not removals. */
  items: number;
}

/**
 * The best direct client: Graph v1.0 as a good app uses it for one folder. `$select` of exactly the
 * fields Ferry maps (with `bodyPreview`; `body` only when bodies are wanted), newest first on a first
 * round (`$orderby=receivedDateTime desc`), `Prefer: odata.maxpagesize=<window>`,
 * `outlook.body-content-type="text"`, `IdType="ImmutableId"`, then nextLinks and, in later rounds,
 * the deltaLink (https://learn.microsoft.com/graph/delta-query-messages). It keeps its own copy of
 * the mail, so a partial item needs no further call.
 */
export async function directSync(client: LinkClient, token: string, request: DirectSyncRequest, options: { firstPageOnly?: boolean; maxPages?: number } = {}): Promise<DirectRun> {
  const select = directSelectFields(request.withBody);
  let path =
    request.link ??
    `/v1.0/me/mailFolders/${encodeURIComponent(request.folderId)}/messages/delta?${new URLSearchParams({ $select: select.join(','), $orderby: 'receivedDateTime desc' }).toString()}`;
  const headers = {
    authorization: `Bearer ${token}`,
    prefer: `odata.maxpagesize=${request.pageSize}, outlook.body-content-type="text", IdType="ImmutableId"`,
  };
  const answers: unknown[] = [];
  let wireBodyBytes = 0;
  let partialItems = 0;
  let items = 0;
  for (let page = 1; ; page++) {
    const answer = await client.request({ method: 'GET', path, headers });
    if (answer.status !== 200) throw new Error(`Graph delta answered ${answer.status}`);
    const body = answer.json as { value: Record<string, unknown>[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    answers.push(body);
    wireBodyBytes += answer.wireBodyBytes;
    for (const item of body.value) {
      if (item['@removed'] !== undefined) continue;
      items++;
      if (select.some((field) => !(field in item))) partialItems++;
    }
    const next = body['@odata.nextLink'] ?? body['@odata.deltaLink'];
    if (!next) throw new Error('Graph delta page without a link');
    path = pathOf(next);
    if (body['@odata.deltaLink'] || options.firstPageOnly) return { roundTrips: page, wireBodyBytes, answers, link: path, partialItems, items };
    if (page >= (options.maxPages ?? 200)) throw new Error('Graph delta kept answering nextLinks');
  }
}

/** What Ferry's mail/sync selects, so both paths ask Graph for the same data. */
export function directSelectFields(withBody: boolean): string[] {
  return messageSelectFields({ type: withBody ? 'text' : 'none' });
}

/** A link's path and query: the client sends it to the origin it talks to. */
export function pathOf(link: string): string {
  const url = new URL(link, 'http://graph.invalid');
  return `${url.pathname}${url.search}`;
}
