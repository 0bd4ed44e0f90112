import { z } from 'zod';
import { errorCodes, allErrorCodes } from '../../shared/protocol/errorCodes';
import { commonCommandErrors, defaultMaxBodyBytes, isRawCommand, rawCommandErrors, type AnyCommandDefinition, type RawCommandDefinition } from '../../shared/protocol/commandDefinition';
import { deviceApiPrefix } from '../../shared/protocol/deviceApiPrefix';
import { folderSchema } from '../../shared/protocol/schemas/folders';
import { addressSchema, attachmentInfoSchema, bodyPreference, bodySchema, fullMessageSchema, messageSchema } from '../../shared/protocol/schemas/mail';
import { itemResultSchema } from '../../shared/protocol/schemas/mailActions';
import { problemSchema } from '../../shared/protocol/schemas/common';
import { renderDeviceRules } from './renderDeviceRules';

const deviceTypes: z.ZodType[] = [folderSchema, messageSchema, fullMessageSchema, addressSchema, bodySchema, bodyPreference, attachmentInfoSchema, itemResultSchema, problemSchema];

/**
 * Sections of docs/device-api.md that are generated from the code's own tables and schemas, so the
 * reference cannot drift from what Ferry validates. Each renders to the text between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
 */
export function renderGeneratedSections(commands: AnyCommandDefinition[]): Record<string, string> {
  const sections: Record<string, string> = { errors: renderErrorTable(), types: renderTypes(), 'device-rules': renderDeviceRules() };
  for (const command of commands) sections[`command:${command.route}`] = renderCommand(command);
  return sections;
}

/**
 * A schema as it is on the wire: its input form. For an answer that is what Ferry sends (omitDefaults
 * leaves out a field at its default, so the field is not required and its notes give the default).
 */
function wireJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
}

/** The named data types the commands share, each as a field table. */
function renderTypes(): string {
  return deviceTypes
    .map((schema) => {
      const json = wireJsonSchema(schema);
      const root = rootOf(json);
      const name = json.$ref?.replace('#/$defs/', '') ?? 'type';
      return [`#### ${name}`, '', root.description ?? '', '', renderFields(root)].filter((line, i) => i !== 2 || line !== '').join('\n');
    })
    .join('\n\n');
}

function renderErrorTable(): string {
  const rows = allErrorCodes.map((code) => `| \`${code}\` | ${errorCodes[code].status} | ${errorCodes[code].title} |`);
  return ['| code | status | meaning |', '|---|---|---|', ...rows].join('\n');
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** zod puts named schemas under $defs and the root behind a $ref: render the root's fields. */
function rootOf(schema: JsonSchema): JsonSchema {
  const name = schema.$ref?.replace('#/$defs/', '');
  return name && schema.$defs?.[name] ? schema.$defs[name]! : schema;
}

function renderCommand(command: AnyCommandDefinition): string {
  if (isRawCommand(command)) return renderRawCommand(command);
  const codes = [...new Set([...command.errors, ...commonCommandErrors])];
  return [
    `\`POST /api/${deviceApiPrefix}/${command.route}\` — ${command.summary}. Body limit ${Math.round((command.maxBodyBytes ?? defaultMaxBodyBytes) / 1024)} KB.`,
    '',
    command.description,
    '',
    'Request fields:',
    '',
    renderRequestFields(wireJsonSchema(command.request)),
    '',
    'Answer fields:',
    '',
    renderFields(rootOf(wireJsonSchema(command.response))),
    '',
    ...(command.pending === undefined ? [] : [`\`202 {code: "pending"}\` with \`Retry-After\`: ${command.pending}`, '']),
    `Errors: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
  ].join('\n');
}

/** A raw (GET, streamed) command: its query parameters, the headers it reads, and its answers' headers. */
function renderRawCommand(command: RawCommandDefinition<z.ZodType, z.ZodType, never>): string {
  const codes = [...new Set([...command.errors, ...rawCommandErrors(command)])];
  const answers = Object.entries(command.answers).flatMap(([status, answer]) => [
    `${status}: ${answer.description}`,
    '',
    ...(Object.keys(answer.headers).length > 0
      ? ['| header | value |', '|---|---|', ...Object.entries(answer.headers).map(([name, text]) => `| \`${name}\` | ${text.replace(/\|/g, '\\|')} |`), '']
      : []),
    ...(answer.schema ? [renderFields(rootOf(wireJsonSchema(answer.schema))), ''] : []),
  ]);
  return [
    `\`${command.method} /api/${deviceApiPrefix}/${command.route}\` — ${command.summary}. Bearer token in \`Authorization\`; ${command.method === 'PUT' ? `an \`application/octet-stream\` body of at most ${command.maxBodyBytes ?? defaultMaxBodyBytes} bytes` : 'no body'}.`,
    '',
    command.description,
    '',
    ...(Object.keys(rootOf(wireJsonSchema(command.request)).properties ?? {}).length > 0 ? ['Query parameters:', '', renderFields(rootOf(wireJsonSchema(command.request))), ''] : []),
    'Request headers read:',
    '',
    renderFields(rootOf(wireJsonSchema(command.headers))),
    '',
    ...answers,
    `Errors: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
  ].join('\n');
}

/** A request's fields; a request of one of several shapes (mail/sync by `folderId` or by `kind`) gets a table per shape. */
function renderRequestFields(schema: JsonSchema): string {
  const root = rootOf(schema);
  if (!root.anyOf) return renderFields(root);
  return root.anyOf
    .map((branch) => {
      const shape = branch.$ref ? (schema.$defs?.[branch.$ref.replace('#/$defs/', '')] ?? branch) : branch;
      return [`One of: ${shape.description ?? ''}`, '', renderFields(shape)].join('\n');
    })
    .join('\n\n');
}

function renderFields(schema: JsonSchema): string {
  const rows: string[] = ['| field | type | required | notes |', '|---|---|---|---|'];
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    rows.push(`| \`${name}\` | ${typeName(field)} | ${schema.required?.includes(name) ? 'yes' : 'no'} | ${notes(field)} |`);
  }
  return rows.join('\n');
}

function typeName(schema: JsonSchema): string {
  if (schema.$ref) return schema.$ref.replace('#/$defs/', '');
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' \\| ');
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (schema.type === 'array') return `array of ${schema.items ? typeName(schema.items) : 'any'}`;
  if (schema.type === 'object' && schema.properties) return `{${Object.keys(schema.properties).join(', ')}}`;
  return Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any');
}

function notes(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.description) parts.push(schema.description.replace(/\.$/, ''));
  if (schema.default !== undefined) parts.push(`default: \`${JSON.stringify(schema.default)}\``);
  // zod's int() bounds are the safe-integer range: only bounds a command chose are worth printing.
  const maximum = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  const minimum = schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER ? schema.minimum : undefined;
  if (maximum !== undefined) parts.push(`${minimum ?? ''}..${maximum}`);
  else if (minimum !== undefined) parts.push(`at least ${minimum}`);
  if (schema.format) parts.push(schema.format);
  else if (schema.pattern) parts.push(`pattern \`${schema.pattern}\``);
  return parts.join('; ').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
