import { findUser } from '../../directory';
import { GraphError, graphErrors } from './graphError';
import type { DeltaCollection } from './delta/serveDelta';
import type { HandlerContext, SimResponse } from './simContext';

/** What a pattern captured: `{name}` segments, and `{name:separator}` chains as lists. */
export interface RouteMatch {
  values: Record<string, string>;
  chains: Record<string, string[]>;
}

interface RouteBase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /**
   * Path below the user segment, `/`-separated; `''` is the user itself. A literal matches
   * case-insensitively, with or without `microsoft.graph.` and `()` (`delta`, `microsoft.graph.delta()`);
   * `{name}` takes one segment; `{name:sep}` takes a chain, one segment then any number of
   * `sep/{segment}` pairs (greedy), as in `mailFolders/{folder:childFolders}/messages`.
   */
  pattern: string;
  /** Operation kind for stats, the request recorder and latency schedules, e.g. `messages.delta`. */
  operation: string;
}

/** A row of the route table: a handler, or a delta collection the core's delta engine pages. */
export type RouteDefinition =
  | (RouteBase & { handler(ctx: HandlerContext, match: RouteMatch): SimResponse })
  | (RouteBase & { delta(ctx: HandlerContext, match: RouteMatch): DeltaCollection });

type Token = { kind: 'literal'; name: string } | { kind: 'value'; name: string } | { kind: 'chain'; name: string; separator: string };

interface CompiledPattern {
  pattern: string;
  tokens: Token[];
  literals: number;
}

/** Where a pattern stopped: all of the path, a segment it did not accept, or a path longer than itself. */
type Attempt =
  | { outcome: 'match'; match: RouteMatch }
  | { outcome: 'mismatch'; at: number }
  | { outcome: 'tooLong'; at: number; lastLiteral?: string };

/** `mailFolders`, `microsoft.graph.delta()` and `delta` compare as `mailfolders` and `delta`. */
const normalise = (segment: string | undefined) => (segment ?? '').toLowerCase().replace(/^microsoft\.graph\./, '').replace(/\(\)$/, '');

function compile(pattern: string): CompiledPattern {
  const tokens = pattern
    .split('/')
    .filter((part) => part !== '')
    .map((part): Token => {
      const param = /^\{(\w+)(?::(\w+))?\}$/.exec(part);
      if (!param) return { kind: 'literal', name: normalise(part) };
      return param[2] ? { kind: 'chain', name: param[1]!, separator: normalise(param[2]) } : { kind: 'value', name: param[1]! };
    });
  return { pattern, tokens, literals: tokens.filter((t) => t.kind === 'literal').length };
}

function attempt(compiled: CompiledPattern, segments: string[]): Attempt {
  const match: RouteMatch = { values: {}, chains: {} };
  let i = 0;
  let lastLiteral: string | undefined;
  for (const token of compiled.tokens) {
    const segment = segments[i];
    if (segment === undefined) return { outcome: 'mismatch', at: i };
    if (token.kind === 'literal') {
      if (normalise(segment) !== token.name) return { outcome: 'mismatch', at: i };
      lastLiteral = segment;
      i++;
    } else if (token.kind === 'value') {
      match.values[token.name] = segment;
      i++;
    } else {
      const chain = [segment];
      i++;
      while (normalise(segments[i]) === token.separator && segments[i + 1] !== undefined) {
        chain.push(segments[i + 1]!);
        i += 2;
      }
      match.chains[token.name] = chain;
    }
  }
  return i === segments.length ? { outcome: 'match', match } : { outcome: 'tooLong', at: i, lastLiteral };
}

/**
 * The declarative route table: every resource's rows, matched against the segments below the user.
 * The most specific full match wins (most literal segments; then table order); its pattern's rows are
 * looked up by method (none: 405). When nothing matches, the 400 names the segment Graph would: the one
 * where the longest attempt failed, or, when a pattern ran out before the path, its last literal.
 */
export class RouteTable {
  private readonly patterns: CompiledPattern[] = [];
  private readonly rows = new Map<string, RouteDefinition[]>();

  constructor(definitions: readonly RouteDefinition[]) {
    for (const definition of definitions) {
      const rows = this.rows.get(definition.pattern);
      if (rows?.some((row) => row.method === definition.method)) throw new TypeError(`graphSim: two routes for ${definition.method} ${definition.pattern}`);
      if (rows) rows.push(definition);
      else {
        this.rows.set(definition.pattern, [definition]);
        this.patterns.push(compile(definition.pattern));
      }
    }
  }

  resolve(method: string, segments: string[]): { definition: RouteDefinition; match: RouteMatch } {
    let best: { compiled: CompiledPattern; match: RouteMatch } | undefined;
    let failure: Exclude<Attempt, { outcome: 'match' }> | undefined;
    for (const compiled of this.patterns) {
      const result = attempt(compiled, segments);
      if (result.outcome === 'match') {
        if (!best || compiled.literals > best.compiled.literals) best = { compiled, match: result.match };
      } else if (!failure || result.at > failure.at || (result.at === failure.at && result.outcome === 'mismatch' && failure.outcome === 'tooLong')) {
        failure = result;
      }
    }
    if (best) {
      const definition = this.rows.get(best.compiled.pattern)!.find((row) => row.method === method);
      if (!definition) throw graphErrors.methodNotAllowed();
      return { definition, match: best.match };
    }
    const segment = failure?.outcome === 'tooLong' ? (failure.lastLiteral ?? segments[failure.at]) : segments[failure?.at ?? 0];
    throw graphErrors.segmentNotFound(segment ?? '');
  }
}

/**
 * Splits a path below /v1.0 into decoded segments. Key-as-segment (`mailFolders/{id}`) and
 * parenthesised keys (`mailFolders('{id}')`, used in Graph's own delta links) are the same thing.
 */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  for (const raw of path.split('/').filter((s) => s !== '')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw new GraphError(400, 'BadRequest', 'The request URI is not valid.');
    }
    const keyed = /^([A-Za-z.]+)\('(.*)'\)$/.exec(decoded);
    if (keyed) segments.push(keyed[1]!, keyed[2]!.replace(/''/g, "'"));
    else segments.push(decoded);
  }
  return segments;
}

/**
 * Resolves `/me/...` or `/users/{id|upn}/...` through the table. Another user's mailbox is
 * ErrorAccessDenied (the dev tokens carry delegated permissions for their own mailbox only).
 */
export function resolveRoute(
  table: RouteTable,
  method: string,
  segments: string[],
  caller: { oid: string; upn?: string },
): { definition: RouteDefinition; match: RouteMatch; userSegment: string } {
  const [head, ...rest] = segments;
  if (normalise(head) === 'me') return { ...table.resolve(method, rest), userSegment: 'me' };
  if (normalise(head) === 'users' && rest.length > 0) {
    const who = rest[0]!;
    const self = who.toLowerCase() === caller.oid || (caller.upn !== undefined && who.toLowerCase() === caller.upn.toLowerCase());
    if (!self) {
      if (findUser(who)) throw graphErrors.accessDenied();
      throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${who}' is invalid.`);
    }
    return { ...table.resolve(method, rest.slice(1)), userSegment: `users/${encodeURIComponent(who)}` };
  }
  throw graphErrors.segmentNotFound(head ?? '');
}
