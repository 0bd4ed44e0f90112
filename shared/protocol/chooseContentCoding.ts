/** Content codings Ferry answers with; `identity` is no coding. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * Pure: the coding for a device's `Accept-Encoding` (RFC 9110 §12.5.3). Brotli before gzip, unless
 * the device weights gzip higher; `q=0` refuses a coding; `*` stands for codings not listed; `x-gzip`
 * is gzip. No header, an empty one or `identity`: uncompressed, so a client that says nothing gets
 * what it can read. Anything unparsable counts as not offered.
 */
export function chooseContentCoding(acceptEncoding: string | null | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.split(';').map((s) => s.trim());
    const name = (rawName ?? '').toLowerCase() === 'x-gzip' ? 'gzip' : (rawName ?? '').toLowerCase();
    if (!/^[a-z0-9*!#$%&'+.^_`|~-]+$/.test(name)) continue;
    const q = params.find((p) => /^q\s*=/i.test(p));
    const weight = q === undefined ? 1 : Number(q.split('=')[1]?.trim());
    if (!Number.isFinite(weight) || weight < 0 || weight > 1) continue;
    weights.set(name, Math.max(weights.get(name) ?? 0, weight));
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}
