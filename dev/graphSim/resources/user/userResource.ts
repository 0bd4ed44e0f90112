import { GraphError } from '../../core/graphError';
import type { SimResource } from '../../core/simResource';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { json } from '../../core/simResponses';

/** GET /me: the caller's directory entry (https://learn.microsoft.com/graph/api/user-get). */
function getMe(ctx: HandlerContext): SimResponse {
  if (!ctx.user) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${ctx.oid}' does not exist or one of its queried reference-property objects are not present.`);
  const user = ctx.user;
  return json(200, {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users/$entity`,
    id: user.oid,
    displayName: user.displayName,
    mail: user.upn,
    userPrincipalName: user.upn,
  });
}

/** The user itself, from dev/directory.ts; it keeps no store. */
export const userResource: SimResource = {
  name: 'user',
  routes: [{ method: 'GET', pattern: '', operation: 'me.get', handler: getMe }],
};
