/**
 * True for an http(s) origin on the loopback interface (`localhost`, `127.x.x.x`, `[::1]`): the local
 * stack's simulator and IdP. Only a configured origin is ever asked about, never one from input.
 */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}
