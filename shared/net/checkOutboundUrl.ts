import { isIP } from 'node:net';
import { isLoopbackOrigin } from './isLoopbackOrigin';
import type { OutboundRefusal } from './outboundRefusal';

/** Anything a URL should not hold raw: controls, spaces, backslashes (parsers disagree about them). */
const unsafeCharacter = /[\u0000-\u0020\u007f-\u009f\\]/;

/**
 * The static half of the outbound guard, for every URL Ferry did not build (links Graph returns, upload
 * URLs, later push endpoints): undefined when `input` may be requested, else why not. The URL's origin
 * must be exactly one of `allowedOrigins` (that purpose's list, e.g. FERRY_GRAPH_URL's origin), https,
 * without userinfo, and its host no IP literal in any notation (the WHATWG parser turns `2130706433`,
 * `0x7f.1` and `127.1` into 127.0.0.1, so the check runs on the parsed host). A configured loopback
 * origin (the local stack) skips the https and literal rules. Redirects are refused by the callers
 * (`maxRedirects: 0`, see refuseRedirect) and addresses at connect time by createGuardedAgent. Pure.
 */
export function checkOutboundUrl(input: string | URL, allowedOrigins: readonly string[]): OutboundRefusal | undefined {
  const raw = typeof input === 'string' ? input : input.href;
  if (unsafeCharacter.test(raw)) return 'control_character';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not_a_url';
  }
  if (url.username !== '' || url.password !== '' || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(raw)) return 'userinfo';
  const allowed = allowedOrigins.includes(url.origin);
  if (allowed && isLoopbackOrigin(url.origin)) return undefined;
  if (isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) return 'ip_literal';
  if (url.protocol !== 'https:') return 'not_https';
  return allowed ? undefined : 'origin_not_allowed';
}

/** A 3xx answer to a guarded request is refused, never followed: its Location was not checked. */
export function refuseRedirect(status: number): OutboundRefusal | undefined {
  return status >= 300 && status < 400 ? 'redirect' : undefined;
}
