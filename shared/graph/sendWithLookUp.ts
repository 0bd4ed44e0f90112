import type { GraphClient, GraphRequest, GraphResponse } from './graphRequest';
import { GraphRequestError } from './graphErrors';

/**
 * Sends a request Graph may act on only once and, when its outcome is unknown (a 503/504, a reset or
 * timeout after its bytes left, a 2xx whose body was lost), asks `lookUp` whether it took effect, e.g.
 * a GET for the item it creates by a property Ferry set on it. Found: that answer stands in for the lost
 * one. Not found, or the look-up itself failed: the original 502 `outcome_unknown` goes to the device,
 * which repeats the command by its rule (docs/device-api.md). The request is never sent twice here.
 */
export async function sendWithLookUp<T>(
  graph: GraphClient,
  request: GraphRequest,
  lookUp: (graph: GraphClient) => Promise<GraphResponse<T> | undefined>,
): Promise<GraphResponse<T>> {
  try {
    return await graph.send<T>(request);
  } catch (error) {
    if (!(error instanceof GraphRequestError) || !error.outcomeUnknown) throw error;
    let found: GraphResponse<T> | undefined;
    try {
      found = await lookUp(graph);
    } catch {
      throw error;
    }
    if (found === undefined) throw error;
    return found;
  }
}
