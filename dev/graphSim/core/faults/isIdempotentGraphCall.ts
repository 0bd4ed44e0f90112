const uploadSessionPath = /\/AttachmentSessions\('[^']*'\)$/i;

/** Whether a chunk's `Content-Range: bytes a-b/size` ends the file. */
function isLastChunk(contentRange: string | undefined): boolean {
  const match = /^bytes \d+-(\d+)\/(\d+)$/.exec(contentRange?.trim() ?? '');
  return match !== null && Number(match[1]) + 1 === Number(match[2]);
}

/**
 * POST actions Graph may receive twice without a second effect: a move, a schedule read, an upload
 * session (it adds nothing until its last chunk; a repeat leaves one unused session, which expires).
 */
const idempotentActions = /\/(?:microsoft\.graph\.)?(?:move|getSchedule|createUploadSession)$/i;

/**
 * Whether repeating a Graph call is harmless, by Graph's own semantics (not by asking Ferry): GET,
 * PATCH and DELETE yes; POST only for a move (immutable ids: moving again to the same folder changes
 * nothing), `getSchedule`, and a `$batch` whose items all are. Creates, sends, replies, meeting answers
 * and uploads are not; of an upload session's chunks (PUT to its URL), the last is not (`contentRange`). The chaos tests check Ferry's retries against this.
 */
export function isIdempotentGraphCall(method: string, path: string, body?: unknown, contentRange?: string): boolean {
  const upper = method.toUpperCase();
  // An upload session's last chunk makes the attachment: a repeat meets a closed session (Outlook's upload origin).
  if (upper === 'PUT' && uploadSessionPath.test(path.split('?', 1)[0] ?? '')) return !isLastChunk(contentRange);
  if (upper !== 'POST') return ['GET', 'PATCH', 'DELETE', 'HEAD', 'PUT'].includes(upper);
  const bare = path.split('?', 1)[0] ?? '';
  if (/\/\$batch$/i.test(bare)) {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests)) return false;
    return requests.every((item) => {
      const r = item as { method?: unknown; url?: unknown; body?: unknown };
      return typeof r?.method === 'string' && typeof r.url === 'string' && isIdempotentGraphCall(r.method, r.url, r.body);
    });
  }
  return idempotentActions.test(bare);
}
