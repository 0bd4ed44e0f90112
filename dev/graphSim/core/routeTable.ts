import { findUser } from '../../directory';
import { deleteFolder, createFolder, getFolder, listFolders, moveFolder, updateFolder } from '../resources/mail/folders/folderHandlers';
import { folderDelta, messageDelta } from '../resources/mail/mailDeltaHandlers';
import { GraphError, graphErrors } from './graphError';
import { getAttachment, getMessage, listAttachments, listMessages, patchMessage, postMessageMove, removeMessage } from '../resources/mail/messages/messageHandlers';
import { sendMail } from '../resources/mail/messages/sendMail';
import type { HandlerContext, SimResponse } from './simContext';
import { json } from './simResponses';

/** A routed request: its operation kind (for stats) and what runs it. */
export interface Route {
  operation: string;
  run(ctx: HandlerContext): SimResponse;
}

type Methods = Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Route>>;

/**
 * Splits a path below /v1.0 into decoded segments. Key-as-segment (`mailFolders/{id}`) and
 * parenthesised keys (`mailFolders('{id}')`, used in Graph's own delta links) are the same thing.
 */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  for (const raw of path.split('/').filter((s) => s !== '')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw new GraphError(400, 'BadRequest', 'The request URI is not valid.');
    }
    const keyed = /^([A-Za-z.]+)\('(.*)'\)$/.exec(decoded);
    if (keyed) segments.push(keyed[1]!, keyed[2]!.replace(/''/g, "'"));
    else segments.push(decoded);
  }
  return segments;
}

/** `mailFolders`, `microsoft.graph.delta()` and `delta` compare as `mailfolders` and `delta`. */
const name = (segment: string | undefined) => (segment ?? '').toLowerCase().replace(/^microsoft\.graph\./, '').replace(/\(\)$/, '');

function pick(method: string, methods: Methods): Route {
  const route = methods[method as keyof Methods];
  if (!route) throw graphErrors.methodNotAllowed();
  return route;
}

const route = (operation: string, run: (ctx: HandlerContext) => SimResponse): Route => ({ operation, run });

/**
 * Resolves `/me/...` or `/users/{id|upn}/...` to a route. Another user's mailbox is ErrorAccessDenied
 * (the dev tokens carry delegated permissions for their own mailbox only).
 */
export function resolveRoute(method: string, segments: string[], caller: { oid: string; upn?: string }): { route: Route; userSegment: string } {
  const [head, ...rest] = segments;
  if (name(head) === 'me') return { route: userRoute(method, rest), userSegment: 'me' };
  if (name(head) === 'users' && rest.length > 0) {
    const who = rest[0]!;
    const self = who.toLowerCase() === caller.oid || (caller.upn !== undefined && who.toLowerCase() === caller.upn.toLowerCase());
    if (!self) {
      if (findUser(who)) throw graphErrors.accessDenied();
      throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${who}' is invalid.`);
    }
    return { route: userRoute(method, rest.slice(1)), userSegment: `users/${encodeURIComponent(who)}` };
  }
  throw graphErrors.segmentNotFound(head ?? '');
}

function userRoute(method: string, segments: string[]): Route {
  const [head, ...rest] = segments;
  if (segments.length === 0) return pick(method, { GET: route('me.get', getMe) });
  if (name(head) === 'mailfolders') return mailFolderRoute(method, rest);
  if (name(head) === 'messages') return messageRoute(method, rest);
  if (name(head) === 'sendmail' && rest.length === 0) return pick(method, { POST: route('sendMail', sendMail) });
  throw graphErrors.segmentNotFound(head!);
}

function mailFolderRoute(method: string, rest: string[]): Route {
  if (rest.length === 0) return pick(method, { GET: route('mailFolders.list', (c) => listFolders(c)), POST: route('mailFolders.create', (c) => createFolder(c)) });
  if (rest.length === 1 && name(rest[0]) === 'delta') return pick(method, { GET: route('mailFolders.delta', folderDelta) });
  const chain = [rest[0]!];
  let i = 1;
  while (name(rest[i]) === 'childfolders' && rest[i + 1] !== undefined) {
    chain.push(rest[i + 1]!);
    i += 2;
  }
  const tail = rest.slice(i);
  if (tail.length === 0) {
    return pick(method, {
      GET: route('mailFolders.get', (c) => getFolder(c, chain)),
      PATCH: route('mailFolders.update', (c) => updateFolder(c, chain)),
      DELETE: route('mailFolders.delete', (c) => deleteFolder(c, chain)),
    });
  }
  if (tail.length === 1 && name(tail[0]) === 'childfolders') {
    return pick(method, { GET: route('mailFolders.childFolders', (c) => listFolders(c, chain)), POST: route('mailFolders.createChild', (c) => createFolder(c, chain)) });
  }
  if (tail.length === 1 && name(tail[0]) === 'move') return pick(method, { POST: route('mailFolders.move', (c) => moveFolder(c, chain)) });
  if (name(tail[0]) === 'messages') return messageRoute(method, tail.slice(1), chain);
  throw graphErrors.segmentNotFound(tail[0]!);
}

function messageRoute(method: string, rest: string[], chain?: string[]): Route {
  if (rest.length === 0) {
    // UNVERIFIED: creating drafts is real Graph; the simulator does not model it.
    return pick(method, { GET: route('messages.list', (c) => listMessages(c, chain)), POST: route('messages.create', notSimulated) });
  }
  if (rest.length === 1 && name(rest[0]) === 'delta') {
    if (!chain) return pick(method, { GET: route('messages.delta', deltaWithoutFolder) });
    return pick(method, { GET: route('messages.delta', (c) => messageDelta(c, chain)) });
  }
  const [id, action, attachmentId, ...extra] = rest as [string, string?, string?, ...string[]];
  if (action === undefined) {
    return pick(method, {
      GET: route('messages.get', (c) => getMessage(c, id, chain)),
      PATCH: route('messages.update', (c) => patchMessage(c, id, chain)),
      DELETE: route('messages.delete', (c) => removeMessage(c, id, chain)),
    });
  }
  if (name(action) === 'move' && attachmentId === undefined) return pick(method, { POST: route('messages.move', (c) => postMessageMove(c, id, chain)) });
  if (name(action) === 'attachments' && extra.length === 0) {
    if (attachmentId === undefined) return pick(method, { GET: route('attachments.list', (c) => listAttachments(c, id, chain)) });
    return pick(method, { GET: route('attachments.get', (c) => getAttachment(c, id, attachmentId, chain)) });
  }
  throw graphErrors.segmentNotFound(action);
}

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

/** Graph tracks message changes per folder only. UNVERIFIED: the exact error; this is the one reported. */
function deltaWithoutFolder(): SimResponse {
  throw new GraphError(400, 'BadRequest', "Unsupported request: Change tracking is not supported against 'microsoft.graph.message'.");
}

function notSimulated(): SimResponse {
  throw new GraphError(501, 'NotImplemented', 'This operation is not simulated by the Ferry Graph simulator.');
}
