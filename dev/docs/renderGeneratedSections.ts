import { z } from 'zod';
import { errorCodes, allErrorCodes } from '../../shared/protocol/errorCodes';
import { commonCommandErrors, defaultMaxBodyBytes, type CommandDefinition } from '../../shared/protocol/commandDefinition';
import { deviceApiPrefix } from '../../shared/protocol/deviceApiPrefix';

/**
 * Sections of docs/device-api.md that are generated from the code's own tables and schemas, so the
 * reference cannot drift from what Ferry validates. Each renders to the text between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
 */
export function renderGeneratedSections(commands: CommandDefinition[]): Record<string, string> {
  const sections: Record<string, string> = { errors: renderErrorTable() };
  for (const command of commands) sections[`command:${command.route}`] = renderCommand(command);
  return sections;
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
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  id?: string;
}

function renderCommand(command: CommandDefinition): string {
  const codes = [...new Set([...command.errors, ...commonCommandErrors])];
  return [
    `\`POST /api/${deviceApiPrefix}/${command.route}\` — ${command.summary}. Body limit ${Math.round((command.maxBodyBytes ?? defaultMaxBodyBytes) / 1024)} KB.`,
    '',
    command.description,
    '',
    'Request fields:',
    '',
    renderFields(z.toJSONSchema(command.request, { io: 'input' }) as JsonSchema),
    '',
    'Answer fields:',
    '',
    renderFields(z.toJSONSchema(command.response, { io: 'output' }) as JsonSchema),
    '',
    `Errors: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
  ].join('\n');
}

function renderFields(schema: JsonSchema): string {
  const rows: string[] = ['| field | type | required | notes |', '|---|---|---|---|'];
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    rows.push(`| \`${name}\` | ${typeName(field)} | ${schema.required?.includes(name) ? 'yes' : 'no'} | ${notes(field)} |`);
  }
  return rows.join('\n');
}

function typeName(schema: JsonSchema): string {
  if (schema.id) return schema.id;
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' \\| ');
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (schema.type === 'array') return `array of ${schema.items ? typeName(schema.items) : 'any'}`;
  if (schema.type === 'object' && schema.properties) return `{${Object.keys(schema.properties).join(', ')}}`;
  return Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any');
}

function notes(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.description) parts.push(schema.description);
  if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`${schema.minimum ?? ''}..${schema.maximum ?? ''}`);
  if (schema.format) parts.push(schema.format);
  if (schema.pattern) parts.push(`pattern \`${schema.pattern}\``);
  return parts.join('; ').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
