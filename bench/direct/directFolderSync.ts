import { folderSelectFields } from '../../shared/translate/folderSelectFields';
import type { SyncRun } from '../clients/ferrySync';
import type { LinkClient } from '../clients/linkClient';
import { pathOf } from './directSync';

/**
 * The best direct client for the folder tree: mailFolders/delta with `$select` of the fields Ferry
 * maps, `Prefer: odata.maxpagesize=500` and `IdType="ImmutableId"`, nextLinks, then the deltaLink in
 * later rounds (https://learn.microsoft.com/graph/api/mailfolder-delta). It trusts the delta for
 * counts: where Graph leaves a count-only change out (UNVERIFIED), its counts go stale.
 */
export async function directFolderSync(client: LinkClient, token: string, link?: string): Promise<SyncRun & { link: string }> {
  let path = link ?? `/v1.0/me/mailFolders/delta?${new URLSearchParams({ $select: folderSelectFields.join(',') }).toString()}`;
  const headers = { authorization: `Bearer ${token}`, prefer: 'odata.maxpagesize=500, IdType="ImmutableId"' };
  const answers: unknown[] = [];
  let wireBodyBytes = 0;
  for (let page = 1; ; page++) {
    const answer = await client.request({ method: 'GET', path, headers });
    if (answer.status !== 200) throw new Error(`Graph folder delta answered ${answer.status}`);
    const body = answer.json as { '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    answers.push(body);
    wireBodyBytes += answer.wireBodyBytes;
    const next = body['@odata.nextLink'] ?? body['@odata.deltaLink'];
    if (!next) throw new Error('Graph folder delta page without a link');
    path = pathOf(next);
    if (body['@odata.deltaLink']) return { roundTrips: page, wireBodyBytes, answers, link: path };
    if (page >= 20) throw new Error('Graph folder delta kept answering nextLinks');
  }
}
