import { z } from 'zod';
import { errorCodes } from './errorCodes';
import { commonCommandErrors, isRawCommand, rawCommandErrors, type AnyCommandDefinition, type ErrorCodeList } from './commandDefinition';
import { deviceApiPrefix } from './deviceApiPrefix';
import { problemSchema } from './schemas/common';
import { pendingBody } from './pendingAnswer';

/**
 * Where a client sends the paths, `/api` included (host.json's routePrefix): the local stack first, so
 * a client generated from the document works against `npm start` as it is, then any deployment. The
 * deployment's default host is in `.invalid` (RFC 6761 §6.4), which never resolves: a client that
 * forgets to name its host fails at once instead of sending tokens to someone else's host.
 */
const servers = [
  { url: 'http://localhost:7071/api', description: 'The local stack (`npm start`; the host port is FERRY_HOST_PORT, 7071 by default).' },
  {
    url: 'https://{host}/api',
    description: "A deployment: the `FERRY_API_URL` output of `azd up` (docs/deploy.md).",
    variables: { host: { default: 'ferry.invalid', description: "The Function App's host name, e.g. `<name>.azurewebsites.net`, or its custom domain." } },
  },
];

/**
 * The OpenAPI 3.1 document of the device API, generated from the same zod schemas the commands
 * validate with (docs/openapi.json is this function's output; a test fails when it is stale).
 * Every schema is described as it is on the wire, which is the schema's input form: requests as the
 * device sends them, answers as Ferry sends them (a field at its default is left out, omitDefaults,
 * so it is not required and shows its `default`).
 */
export function buildOpenApiDocument(commands: AnyCommandDefinition[], version: string): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  // zod emits named schemas (`.meta({id})`) under $defs; OpenAPI keeps them in components.schemas.
  const ref = (schema: z.ZodType) => {
    const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<string, unknown>;
    const { $defs, $schema: _dialect, ...root } = json as { $defs?: Record<string, unknown>; $schema?: string };
    for (const [name, definition] of Object.entries($defs ?? {})) schemas[name] = rewriteRefs(definition);
    return rewriteRefs(root);
  };
  const problemRef = ref(problemSchema);
  const paths: Record<string, unknown> = {};
  const problemResponses = (codes: ErrorCodeList) => {
    const responses: Record<string, { description: string; content: unknown }> = {};
    for (const code of codes) {
      const status = String(errorCodes[code].status);
      const existing = responses[status];
      const line = `\`${code}\`: ${errorCodes[code].title}`;
      responses[status] = {
        description: existing ? `${existing.description}\n${line}` : line,
        content: { 'application/problem+json': { schema: problemRef } },
      };
    }
    return responses;
  };
  for (const command of commands) {
    if (isRawCommand(command)) {
      // A download: GET with query parameters and the headers it reads; its answers are the file's bytes.
      const parameter = (where: 'query' | 'header', schema: z.ZodType) => {
        // The parameters are the schema's fields, so its own definition stays inline (not a component).
        const json = ref(schema) as { $ref?: string; properties?: Record<string, { description?: string }>; required?: string[] };
        const ownName = json.$ref?.replace('#/components/schemas/', '');
        const root = (ownName === undefined ? json : schemas[ownName]) as typeof json;
        if (ownName !== undefined) delete schemas[ownName];
        return Object.entries(root.properties ?? {}).map(([name, field]) => ({
          name,
          in: where,
          required: root.required?.includes(name) ?? false,
          ...(field.description ? { description: field.description } : {}),
          schema: field,
        }));
      };
      const answers = Object.fromEntries(
        Object.entries(command.answers).map(([status, answer]) => [
          status,
          {
            description: answer.description,
            headers: Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])),
            content: answer.schema ? { 'application/json': { schema: ref(answer.schema) } } : { 'application/octet-stream': {} },
          },
        ]),
      );
      paths[`/${deviceApiPrefix}/${command.route}`] = {
        [command.method.toLowerCase()]: {
          operationId: command.functionName,
          summary: command.summary,
          description: command.description,
          security: [{ bearer: [] }],
          parameters: [...parameter('query', command.request), ...parameter('header', command.headers)],
          ...(command.method === 'PUT' ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary', maxLength: command.maxBodyBytes } } } } } : {}),
          responses: { ...answers, ...problemResponses([...new Set([...rawCommandErrors(command), ...command.errors])]) },
        },
      };
      continue;
    }
    const codes = [...new Set([...commonCommandErrors, ...command.errors])];
    paths[`/${deviceApiPrefix}/${command.route}`] = {
      post: {
        operationId: command.functionName,
        summary: command.summary,
        description: command.description,
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: ref(command.request) } } },
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: ref(command.response) } } },
          ...(command.pending === undefined
            ? {}
            : {
                '202': {
                  description: command.pending,
                  headers: { 'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer', minimum: 1 } } },
                  content: { 'application/json': { schema: ref(pendingBody) } },
                },
              }),
          ...problemResponses(codes),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Ferry device API', version, license: { name: 'MIT', identifier: 'MIT' } },
    servers,
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Entra ID v2 access token for Ferry\'s API)' } },
    },
  };
}

function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
}
