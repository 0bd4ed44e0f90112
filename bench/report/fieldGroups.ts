/** Where the bytes of a JSON answer go, for the breakdown printed when a byte target misses. */
export const fieldGroupNames = ['ids', 'preview', 'body', 'names', 'keys', 'state', 'other'] as const;
export type FieldGroup = (typeof fieldGroupNames)[number];
export type FieldGroupBytes = Record<FieldGroup, number>;

const idKeys = new Set(['id', 'folderId', 'parentFolderId', 'conversationId', '@odata.etag', 'changeKey', 'removed']);
const stateKeys = new Set(['state', 'more', 'reset', '@odata.nextLink', '@odata.deltaLink', '@odata.context']);

function groupOf(path: readonly string[]): FieldGroup {
  const key = path[path.length - 1] ?? '';
  if (path.includes('body')) return 'body';
  if (key === 'preview' || key === 'bodyPreview') return 'preview';
  if (key === 'name' || key === 'address') return 'names';
  if (idKeys.has(key)) return 'ids';
  if (stateKeys.has(key)) return 'state';
  return 'other';
}

/**
 * Pure: UTF-8 bytes of a JSON value (as JSON.stringify writes it) by field group. Every scalar's
 * bytes go to the group of the property it sits under (array items: the array's property);
 * `keys` is the rest: property names, quotes around them, braces, brackets, commas and colons.
 */
export function fieldGroupBytes(value: unknown): FieldGroupBytes {
  const groups = Object.fromEntries(fieldGroupNames.map((g) => [g, 0])) as FieldGroupBytes;
  let scalars = 0;
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) return node.forEach((item) => walk(item, path));
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) if (child !== undefined) walk(child, [...path, key]);
      return;
    }
    const bytes = Buffer.byteLength(JSON.stringify(node));
    groups[groupOf(path)] += bytes;
    scalars += bytes;
  };
  walk(value, []);
  groups.keys = Buffer.byteLength(JSON.stringify(value) ?? '') - scalars;
  return groups;
}

export function addFieldGroups(a: FieldGroupBytes, b: FieldGroupBytes): FieldGroupBytes {
  return Object.fromEntries(fieldGroupNames.map((g) => [g, a[g] + b[g]])) as FieldGroupBytes;
}
