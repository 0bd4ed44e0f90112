import type { SimRequest } from '../simContext';

/**
 * Builds a SimRequest from a path+query below /v1.0 (an HTTP request's, or a `$batch` item's
 * relative url such as `/me/mailFolders/inbox` or `users?$select=id`). Query option names are
 * lower-cased: Graph accepts `$deltaToken` and `$deltatoken` alike.
 */
export function toSimRequest(method: string, relativeUrl: string, headers: Record<string, string>, body: unknown): SimRequest {
  const questionMark = relativeUrl.indexOf('?');
  const rawPath = questionMark < 0 ? relativeUrl : relativeUrl.slice(0, questionMark);
  const search = questionMark < 0 ? '' : relativeUrl.slice(questionMark + 1);
  const query = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) query.append(name.toLowerCase(), value);
  return { method, path: rawPath.startsWith('/') ? rawPath : `/${rawPath}`, query, headers, body };
}
