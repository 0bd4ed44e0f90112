import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphError } from '../graphError';
import { errorResponse, type RequestIds } from '../errorResponse';
import type { FaultLayer } from '../faults/createFaultLayer';
import type { FailureInjector } from '../mailboxGate';
import type { SimServices, SimResponse } from '../simContext';
import { bodyBytes } from '../simResponses';
import { headersOf } from '../http/handleHttpRequest';
import { readBoundedBody } from '../http/readBoundedBody';
import type { UploadSessions, UploadSession } from './uploadSessions';

/** Graph takes at most 4 MB in one request; each chunk of a session must be smaller. */
const maxChunkInBytes = 4 * 1024 * 1024;

/** The operation name injected failures (`state.throttleNext({operation})`) match a chunk's PUT by. */
export const uploadChunkOperation = 'attachments.uploadChunk';

const sessionPath = /\/AttachmentSessions\('([A-Za-z0-9_-]{1,64})'\)$/;

/**
 * The answer of a chunk and of a GET of the session: the docs' chunk answer (attachment-upload-chunk-response.json),
 * its odd casing kept: `ExpirationDateTime` PascalCase, `nextExpectedRanges` camelCase, the next byte alone.
 */
function progress(session: UploadSession, origin: string): SimResponse {
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: {
      '@odata.context': `${origin}/api/v2.0/$metadata#Users('${session.oid}')/Messages/AttachmentSessions/$entity`,
      ExpirationDateTime: new Date(session.expiresAtInMs).toISOString(),
      nextExpectedRanges: [String(session.next)],
    },
  };
}

/**
 * The simulator's second origin: upload session URLs (outlook.office.com in Graph). A request
 * authenticates by the URL's `authtoken` alone (401 without it or with another); an `Authorization`
 * header is ignored and counted (`stats.uploadAuthorizationHeaders`: the tests check Ferry never sends
 * one). PUT a chunk with `Content-Range: bytes a-b/size` (under 4 MB; each counts against the upload
 * window), GET the session, DELETE it (204). Chunks go in order; the last answers 201 with an empty
 * body and the attachment in `Location`.
 */
export function createUploadListener(sim: SimServices, sessions: UploadSessions, injector: FailureInjector, origin: () => string, faults?: FaultLayer) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const headers = headersOf(req);
    const ids: RequestIds = { requestId: randomUUID(), clientRequestId: headers['client-request-id'] ?? randomUUID() };
    const now = () => sim.clock.now();
    const body = readBoundedBody(req, maxChunkInBytes, () => new GraphError(413, 'RequestEntityTooLarge', 'The request body is too large.'));
    body.catch(() => undefined);
    const respond = () => serve(req, body).catch((error: unknown) => errorResponse(error, ids, now()));
    const send = (response: SimResponse) => {
      const out = { ...(response.headers ?? {}), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
      if (response.body === undefined) return void res.writeHead(response.status, { ...out, 'Content-Length': '0' }).end();
      const bytes = bodyBytes(response.body);
      res.writeHead(response.status, { ...out, 'Content-Length': String(bytes.length) }).end(bytes);
    };
    // The chaos profile reaches Ferry's chunks too: the session knows the app that opened it.
    const session = sessionOf(req.url);
    const ferry = faults !== undefined && session?.azp !== undefined && session.azp === faults.profile.clientId;
    const served = faults ? faults.serve({ req, res, headers, ids, body, respond, send }, ferry) : respond().then(send);
    served.catch(() => res.destroy());
  };

  function sessionOf(path: string | undefined): UploadSession | undefined {
    const match = sessionPath.exec(new URL(path ?? '/', 'http://upload.invalid').pathname);
    return match ? sessions.find(match[1]!, sim.clock.now()) : undefined;
  }

  async function serve(req: IncomingMessage, rawBody: Promise<Buffer>): Promise<SimResponse> {
    sim.stats.uploadRequest();
    if (req.headers.authorization !== undefined) sim.stats.uploadAuthorizationHeader();
    const url = new URL(req.url ?? '/', 'http://upload.invalid');
    const match = sessionPath.exec(url.pathname);
    const session = match ? sessions.find(match[1]!, sim.clock.now()) : undefined;
    // UNVERIFIED: what Outlook answers a wrong authtoken (401 assumed) and a closed session (404).
    if (session && url.searchParams.get('authtoken') !== session.authtoken) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    if (!session) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET') return progress(session, origin());
    if (method === 'DELETE') {
      sessions.close(session.id);
      return { status: 204 };
    }
    if (method !== 'PUT') throw new GraphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    const bytes = await rawBody;
    const injected = injector.take(session.oid, 'request', uploadChunkOperation);
    if (injected) {
      sim.stats.throttled();
      throw injected;
    }
    const overLimit = sim.limits.admit({ oid: session.oid, azp: session.azp }, bytes.length);
    if (overLimit) {
      sim.stats.throttled();
      throw overLimit;
    }
    const answer = putChunk(session, String(req.headers['content-range'] ?? ''), bytes);
    const afterApply = injector.takeAfterApply(session.oid, 'request', uploadChunkOperation);
    if (afterApply) {
      sim.stats.throttled();
      throw afterApply;
    }
    return answer;
  }

  function putChunk(session: UploadSession, contentRange: string, bytes: Buffer): SimResponse {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange.trim());
    // UNVERIFIED: the code and wording of a malformed range.
    if (!range || Number(range[3]) !== session.size || Number(range[2]) < Number(range[1]) || Number(range[2]) >= session.size || Number(range[2]) - Number(range[1]) + 1 !== bytes.length) {
      throw new GraphError(400, 'ErrorInvalidRequest', 'The Content-Range header is missing or malformed.');
    }
    const first = Number(range[1]);
    if (first !== session.next) {
      // UNVERIFIED: a range other than the next one (a repeat after a lost answer) is answered with where the session stands, or (flag) 416.
      if (sim.flags.uploadRepeatedRange416) throw new GraphError(416, 'ErrorInvalidRange', 'The requested range is not the next expected range.');
      return progress(session, origin());
    }
    bytes.copy(session.bytes, first);
    session.next += bytes.length;
    sim.stats.uploaded(bytes.length);
    if (session.next < session.size) return progress(session, origin());
    sessions.close(session.id);
    const location = session.complete(session.bytes);
    return { status: 201, headers: { Location: `${origin()}${location}` } };
  }
}
