/**
 * Parses the small YAML subset azure.yaml uses: nested block mappings, plain or quoted scalars,
 * `true`/`false`, lists of scalars, comments. Anything else (flow collections, anchors, block
 * scalars, lists of mappings) throws, so the azure.yaml policy fails loudly instead of misreading the
 * file. Ferry ships no YAML library and this is a dev-only check.
 */
export function parseSimpleYaml(text: string): Record<string, unknown> {
  const lines = text
    .split(/\r?\n/)
    .map((raw, index) => ({ number: index + 1, indent: raw.length - raw.trimStart().length, content: stripComment(raw).trimEnd() }))
    .filter((line) => line.content.trim() !== '');
  let position = 0;

  const parseBlock = (indent: number): Record<string, unknown> | unknown[] => {
    const first = lines[position];
    if (first && first.content.trimStart().startsWith('- ')) return parseList(indent);
    const map: Record<string, unknown> = {};
    while (position < lines.length && lines[position]!.indent === indent) {
      const line = lines[position]!;
      const match = /^([A-Za-z0-9_.$-]+):(?:\s+(.*))?$/.exec(line.content.trim());
      if (!match) throw new SyntaxError(`azure.yaml line ${line.number}: unsupported YAML`);
      position += 1;
      const [, key, rest] = match;
      if (rest !== undefined && rest !== '') map[key!] = scalar(rest, line.number);
      else if (position < lines.length && lines[position]!.indent > indent) map[key!] = parseBlock(lines[position]!.indent);
      else map[key!] = null;
    }
    if (position < lines.length && lines[position]!.indent > indent) {
      throw new SyntaxError(`azure.yaml line ${lines[position]!.number}: unexpected indentation`);
    }
    return map;
  };

  const parseList = (indent: number): unknown[] => {
    const list: unknown[] = [];
    while (position < lines.length && lines[position]!.indent === indent && lines[position]!.content.trimStart().startsWith('- ')) {
      const line = lines[position]!;
      const item = line.content.trimStart().slice(2).trim();
      if (/^[A-Za-z0-9_.$-]+:(\s|$)/.test(item)) throw new SyntaxError(`azure.yaml line ${line.number}: lists of mappings are not supported`);
      list.push(scalar(item, line.number));
      position += 1;
    }
    return list;
  };

  if (lines.length === 0) return {};
  const top = parseBlock(lines[0]!.indent);
  if (position < lines.length) throw new SyntaxError(`azure.yaml line ${lines[position]!.number}: unexpected content`);
  if (Array.isArray(top)) throw new SyntaxError('azure.yaml: the top level must be a mapping');
  return top;
}

function scalar(text: string, lineNumber: number): unknown {
  if (/^'(?:[^']|'')*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) return JSON.parse(text) as string;
  if (/^[[{&*!|>]/.test(text)) throw new SyntaxError(`azure.yaml line ${lineNumber}: unsupported YAML value`);
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null' || text === '~') return null;
  return text;
}

/** Drops a `#` comment that is not inside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}
