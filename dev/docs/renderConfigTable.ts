import { configDocs, configSchema } from '../../shared/config';

/** The README's configuration table, from the same schema `loadConfig` parses. */
export function renderConfigTable(): string {
  const defaults = configSchema.parse({});
  const rows = Object.entries(configDocs).map(([name, meaning]) => {
    const value = (defaults as Record<string, unknown>)[name];
    const shown = value === undefined ? '(unset)' : Array.isArray(value) ? (value.length ? value.join(',') : '(empty)') : String(value);
    return `| \`${name}\` | \`${shown}\` | ${meaning.replace(/\|/g, '\\|')} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
