import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { graphIdPattern } from '../../shared/protocol/schemas/common';

const samplesDir = path.join(__dirname, '../fixtures/graph-samples');
/** Keys whose values are Graph item or folder ids in Microsoft's payloads. */
const idKeys = new Set(['id', 'parentFolderId', 'folderId', 'messageId', 'destinationId']);

function collectIds(value: unknown, key: string, found: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => collectIds(item, key, found));
  else if (value && typeof value === 'object') for (const [name, child] of Object.entries(value)) collectIds(child, name, found);
  // `{long_id_string}` and the like are the docs' placeholders, not ids.
  else if (typeof value === 'string' && idKeys.has(key) && !/^\{.*\}$/.test(value)) found.push(value);
}

/**
 * The one id validator a device's ids pass (`^[A-Za-z0-9_=-]{1,512}$`) accepts every real id in
 * Microsoft's documented payloads: Graph ids hold `-`, `_` and `=`. UNVERIFIED: whether immutable ids
 * of a live tenant ever hold `+` or `/`; none of the samples does.
 */
describe('the device id validator against the ids of test/fixtures/graph-samples', () => {
  const ids: string[] = [];
  for (const file of readdirSync(samplesDir).filter((name) => name.endsWith('.json'))) {
    collectIds(JSON.parse(readFileSync(path.join(samplesDir, file), 'utf8')), '', ids);
  }

  it('finds ids in the samples, with the characters real ids hold', () => {
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.some((id) => id.includes('='))).toBe(true);
    expect(ids.some((id) => /[-_]/.test(id))).toBe(true);
  });

  it('accepts every one of them', () => {
    expect(ids.filter((id) => !graphIdPattern.test(id))).toEqual([]);
  });
});
