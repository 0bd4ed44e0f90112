import { devUsers } from '../../directory';
import { GraphError } from './graphError';
import { idTagOf } from './graphIds';

/**
 * Graph's answer to an id that names an item of another mailbox: `ErrorInvalidMailboxItemId` ("Item Id
 * doesn't belong to the current mailbox"), unlike an id of this mailbox that is gone (ErrorItemNotFound).
 * The code and message are as reported against Outlook (OfficeDev/office-js#1152; newer tenants say
 * "Item '{id}' doesn't belong to the targeted mailbox"). UNVERIFIED: the status; the reports show none,
 * 404 is assumed, and Ferry maps the code to 404 whatever the status.
 * Returns undefined when `id` carries no other dev user's mailbox tag.
 */
export function foreignItemError(id: string, ownerOid: string): GraphError | undefined {
  const foreign = devUsers.some((user) => user.oid !== ownerOid && id.includes(idTagOf(user.oid)));
  return foreign ? new GraphError(404, 'ErrorInvalidMailboxItemId', "Item Id doesn't belong to the current mailbox.") : undefined;
}
