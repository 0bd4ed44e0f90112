import { encodeGraphId } from './encodeGraphId';
import type { GraphMethod, GraphRequest } from './graphRequest';

export interface OperationDefinition {
  readonly method: GraphMethod;
  /** Path under /v1.0; each `{name}` is filled with encodeGraphId(params.name). */
  readonly pathTemplate: string;
  /**
   * May the client repeat it after Graph may have acted? Reads yes. A POST only with a `reason` saying
   * why a repeat is harmless (a unit test enforces it).
   */
  readonly idempotent: boolean;
  readonly reason?: string;
}

/** Every Graph call Ferry makes, by name. Logs and errors carry the name, never the URL. */
export const operations = {
  'mailFolders.delta': { method: 'GET', pathTemplate: '/me/mailFolders/delta', idempotent: true },
  'mailFolders.get': { method: 'GET', pathTemplate: '/me/mailFolders/{folderId}', idempotent: true },
  'mailFolders.childFolders': { method: 'GET', pathTemplate: '/me/mailFolders/{folderId}/childFolders', idempotent: true },
  'messages.delta': { method: 'GET', pathTemplate: '/me/mailFolders/{folderId}/messages/delta', idempotent: true },
  'messages.get': { method: 'GET', pathTemplate: '/me/messages/{messageId}', idempotent: true },
  'messages.attachments': { method: 'GET', pathTemplate: '/me/messages/{messageId}/attachments', idempotent: true },
  // A $batch is as idempotent as its items: the client decides per call (see batch/sendBatch.ts).
  batch: { method: 'POST', pathTemplate: '/$batch', idempotent: false },
} as const satisfies Record<string, OperationDefinition>;

export type OperationName = keyof typeof operations;

type Placeholders<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The path parameters an operation's template names, e.g. `{ folderId: string }`. */
export type OperationParams<Name extends OperationName> = {
  readonly [Key in Placeholders<(typeof operations)[Name]['pathTemplate']>]: string;
};

export interface BuildRequestOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A GraphRequest for a named operation: the template filled with encoded ids, `idempotent` from the
 * table. Pure. A missing or unknown parameter is a programming mistake (TypeError).
 */
export function buildRequest<Name extends OperationName>(
  operation: Name,
  params: OperationParams<Name>,
  { query, headers, body }: BuildRequestOptions = {},
): GraphRequest {
  const definition: OperationDefinition = operations[operation];
  const values = params as Readonly<Record<string, string | undefined>>;
  const used = new Set<string>();
  const path = definition.pathTemplate.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string') throw new TypeError(`${operation}: missing path parameter ${name}.`);
    used.add(name);
    return encodeGraphId(value);
  });
  const unknown = Object.keys(values).filter((name) => !used.has(name));
  if (unknown.length > 0) throw new TypeError(`${operation}: unknown path parameter ${unknown.join(', ')}.`);
  return {
    operation,
    method: definition.method,
    path,
    idempotent: definition.idempotent,
    ...(query === undefined ? {} : { query }),
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  };
}
