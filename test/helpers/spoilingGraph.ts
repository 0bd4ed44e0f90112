import type { GraphClient, GraphPage, GraphRequest, GraphResponse } from '../../shared/graph/graphRequest';
import { createLogger, type Logger } from '../../shared/observability/logger';

/**
 * `real`, with `spoil` applied to every answer body (a GET, a delta page's entry, a `$batch` item) of
 * the item `id`: what a stranger's item Ferry cannot translate looks like, in the delta and in every
 * fill-in alike. For the "one item never blocks its collection" tests.
 */
export function spoilingGraph(real: GraphClient, id: string, spoil: (entry: Record<string, unknown>) => Record<string, unknown>): GraphClient {
  const spoiled = (body: unknown) => ((body as { id?: string }).id === id ? spoil(body as Record<string, unknown>) : body);
  return {
    ...real,
    async send<T>(request: GraphRequest): Promise<GraphResponse<T>> {
      const answer = await real.send(request);
      return { ...answer, body: spoiled(answer.body) as T };
    },
    pages: (request) => real.pages(request),
    async page<T>(request: GraphRequest): Promise<GraphPage<T>> {
      const page = await real.page<Record<string, unknown>>(request);
      return { ...page, value: page.value.map(spoiled) as T[] };
    },
    async batch(requests) {
      const results = await real.batch(requests);
      return results.map((result) => (result.ok ? { ...result, response: { ...result.response, body: spoiled(result.response.body) } } : result));
    },
  };
}

/** A logger whose JSON lines the test reads. */
export function capturingLogger(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  return { lines, logger: createLogger((_level, line) => lines.push(line)) };
}
