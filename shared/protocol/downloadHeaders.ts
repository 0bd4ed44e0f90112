/** `type/subtype` with RFC 9110 token characters; parameters are dropped. */
const mediaType = /^[A-Za-z0-9!#$&^_.+-]{1,64}\/[A-Za-z0-9!#$&^_.+-]{1,64}$/;
/** Characters a file name never keeps: controls, path separators, quotes, and what Windows refuses. */
const unsafeInName = /[\u0000-\u001f\u007f-\u009f"\\/:*?<>|]/g;
const maxNameLength = 200;

/**
 * Headers for an answer that carries a file (an attachment's bytes, a message's MIME), on top of the
 * ones every answer has. The content is the sender's, so nothing about it is trusted: `nosniff` stops a
 * browser from guessing a type (RFC 9110 leaves sniffing to the client; the Fetch standard honours
 * nosniff), `attachment` stops it from rendering, a sandboxing CSP covers a client that renders anyway,
 * and the media type is kept only when it is a plain `type/subtype` (else `application/octet-stream`).
 * The file name is reduced to safe characters; the full name travels in `filename*` (RFC 6266 §4.3,
 * RFC 8187) and an ASCII fallback in `filename`.
 */
export function downloadHeaders(fileName: string, contentType: string | undefined): Record<string, string> {
  const type = (contentType ?? '').split(';', 1)[0]!.trim();
  return {
    'content-type': mediaType.test(type) ? type.toLowerCase() : 'application/octet-stream',
    'content-disposition': contentDisposition(fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}

function contentDisposition(fileName: string): string {
  const cleaned = [...fileName.toWellFormed().normalize('NFC').replace(unsafeInName, '_').trim()].slice(0, maxNameLength).join('').replace(/^\.+/, '_');
  const name = cleaned === '' ? 'download' : cleaned;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/%/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
