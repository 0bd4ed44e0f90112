import { devApps } from '../../dev/directory';
import type { RecordedSimRequest } from '../../dev/graphSim/core/requestRecorder';
import { operations, type OperationDefinition } from '../../shared/graph/operations';
import { graphIdPattern } from '../../shared/protocol/schemas/common';

/** Query options only Graph writes, in the links it returns (`@odata.nextLink`, `@odata.deltaLink`). */
const linkQueryOptions = ['$skiptoken', '$deltatoken'];

interface CompiledRow {
  name: string;
  method: string;
  pattern: RegExp;
  params: string[];
  query: Set<string>;
}

function compile(name: string, definition: OperationDefinition): CompiledRow {
  const params: string[] = [];
  const source = definition.pathTemplate
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z]+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  const query = new Set(definition.query.map((option) => option.toLowerCase()));
  // A collection's later pages come from Graph's own links, which carry only Graph's tokens.
  if (definition.method === 'GET') for (const option of linkQueryOptions) query.add(option);
  return { name, method: definition.method, pattern: new RegExp(`^${source}$`, 'i'), params, query };
}

const rows = Object.entries(operations as Record<string, OperationDefinition>).map(([name, definition]) => compile(name, definition));

/** Made with Ferry's on-behalf-of token (not a test's own call to the simulator). */
export function isFerryRequest(request: RecordedSimRequest): boolean {
  return request.azp === devApps.ferryClientId;
}

/**
 * Why a request the simulator recorded from Ferry is not one Ferry may make, or undefined when it is:
 * it must match a row of the operation table (method, path template, query option names), and each
 * `{id}` segment, URL-decoded, must pass the device id validator. Checked on `$batch` items too.
 * Ferry's own requests must also carry `Prefer: IdType="ImmutableId"` each (a `$batch` item in its own
 * headers, a followed link too): Graph applies it "only to the request it is included with"
 * (https://learn.microsoft.com/graph/outlook-immutable-id), and without it ids change on a move.
 */
export function graphRequestProblem(request: RecordedSimRequest): string | undefined {
  const path = toTemplateForm(request.path);
  if (isFerryRequest(request) && !request.immutableIds) return `${request.method} ${shape(path)} (${requestKind(request)}): no Prefer IdType="ImmutableId"`;
  const candidates = rows.filter((row) => row.method === request.method && row.pattern.test(path));
  if (candidates.length === 0) return `${request.method} ${shape(path)}: no operation row`;
  const problems: string[] = [];
  for (const row of candidates) {
    const values = row.pattern.exec(path)!.slice(1);
    const badId = values.find((value) => !graphIdPattern.test(safeDecode(value)));
    const badQuery = request.query.map(([name]) => name).find((name) => !row.query.has(name));
    if (badId === undefined && badQuery === undefined) return undefined;
    problems.push(badId !== undefined ? `${row.name}: an id segment fails the id validator` : `${row.name}: query option ${badQuery} not in the row`);
  }
  return problems.join('; ');
}

/** Every problem of the recorded requests, at most `limit`, without ids or query values (log-safe). */
export function graphRequestProblems(requests: readonly RecordedSimRequest[], limit = 10): string[] {
  const problems: string[] = [];
  for (const request of requests) {
    const problem = graphRequestProblem(request);
    if (problem !== undefined) problems.push(problem);
    if (problems.length >= limit) break;
  }
  return problems;
}

/**
 * The operation rows a recorded request matches (method, path template; ids and query not judged):
 * for checks on what a command may call, e.g. that a batchable command makes only idempotent calls.
 */
export function graphOperationsOf(request: RecordedSimRequest): string[] {
  const path = toTemplateForm(request.path);
  return rows.filter((row) => row.method === request.method && row.pattern.test(path)).map((row) => row.name);
}

export type FerryRequestKind = 'request' | '$batch item' | 'followed link';

/**
 * Ferry's recorded requests (made with its on-behalf-of token) by kind, and their problems: for suites
 * that record a whole run (e2e, chaos) and must see each kind checked, not just pass on none.
 */
export function ferryRequestSummary(requests: readonly RecordedSimRequest[]): { problems: string[]; kinds: Record<FerryRequestKind, number> } {
  const ferry = requests.filter(isFerryRequest);
  const kinds: Record<FerryRequestKind, number> = { request: 0, '$batch item': 0, 'followed link': 0 };
  for (const request of ferry) kinds[requestKind(request)]++;
  return { problems: graphRequestProblems(ferry), kinds };
}

/**
 * Links Graph writes address entities with OData key syntax (`/me/mailFolders('AAMk...')/messages/delta`,
 * sometimes `.../microsoft.graph.delta()`): the same resource as the template's `/mailFolders/{id}/...`.
 */
function toTemplateForm(path: string): string {
  return path
    .replace(/\('([^'/]*)'\)(?=\/|$)/g, '/$1')
    .replace(/\/(?:microsoft\.graph\.)?delta(?:\(\))?$/, '/delta');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function requestKind(request: RecordedSimRequest): FerryRequestKind {
  if (request.target === 'batchItem') return '$batch item';
  return request.query.some(([name]) => linkQueryOptions.includes(name)) ? 'followed link' : 'request';
}

/** The path with its id-like segments elided, so a failure message holds no id. */
function shape(path: string): string {
  return path.replace(/\/[^/]{20,}/g, '/{…}');
}
