import fc from 'fast-check';
import { isFerryError } from '../../../shared/protocol/ferryError';
import { buildSearchKql, cleanSearchText, searchKqlMaxChars, searchParameter, type SearchCriteria } from '../../../shared/graph/requests/searchKql';
import { parseSearchParameter, type KqlClause } from '../../../dev/graphSim/resources/mail/messages/searchKql';

/*
 * Ferry's KQL builder against the simulator's KQL grammar (which refuses anything outside its subset):
 * whatever the device sends, the `$search` value, through URL encoding and back, parses into exactly
 * the clauses of the given fields, each value a literal term (docs/security.md, "Injection into Graph calls").
 */
const hostilePieces = ['"', '\\', '\\"', '*', 'OR', 'NOT', 'AND', 'from:', 'to:', ':', '(', ')', '$filter=', "')", '../', '\u0000', '\u001f', '\u0085', '\t', '\n', ' ', '😀', 'é', 'received>=2020-01-01', 'hasAttachments:true', 'Ünïcödé', '%22', '&', '+', '#'];
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...hostilePieces), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join('').slice(0, 256));
const isoDate = fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2099-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const criteria: fc.Arbitrary<SearchCriteria> = fc.record(
  { text: hostileText, from: hostileText, to: hostileText, subject: hostileText, hasAttachments: fc.boolean(), receivedAfter: isoDate, receivedBefore: isoDate },
  { requiredKeys: [] },
);

function expectedClauses(c: SearchCriteria): KqlClause[] {
  const day = (iso: string, shift: number) => new Date(Date.parse(iso) + shift * 86_400_000).toISOString().slice(0, 10);
  const out: KqlClause[] = [];
  const text = cleanSearchText(c.text ?? '');
  if (text) out.push(...text.split(' ').map((value): KqlClause => ({ kind: 'term', value })));
  for (const field of ['from', 'to', 'subject'] as const) {
    const value = cleanSearchText(c[field] ?? '');
    if (value) out.push({ kind: 'term', field, value });
  }
  if (c.hasAttachments) out.push({ kind: 'hasAttachments' });
  if (c.receivedAfter) out.push({ kind: 'received', op: '>=', day: day(c.receivedAfter, -1) });
  if (c.receivedBefore) out.push({ kind: 'received', op: '<=', day: day(c.receivedBefore, 1) });
  return out;
}

/** As the Graph client sends it and the simulator reads it: through URLSearchParams both ways. */
function throughUrl(value: string): string {
  const url = new URL('https://graph.test/v1.0/me/messages');
  url.searchParams.append('$search', value);
  return new URL(url.href).searchParams.get('$search')!;
}

describe('the KQL builder against the simulator grammar', () => {
  it('parses into exactly the given fields, every value a literal term', () => {
    fc.assert(
      fc.property(criteria, (c) => {
        let kql: string | undefined;
        try {
          kql = buildSearchKql(c);
        } catch (error) {
          // Only length refuses: a 400 for a query past the limit, nothing else.
          expect(isFerryError(error) && error.code === 'bad_request').toBe(true);
          const clauses = expectedClauses(c);
          expect(clauses.length).toBeGreaterThan(0);
          return;
        }
        const expected = expectedClauses(c);
        if (expected.length === 0) return expect(kql).toBeUndefined();
        expect(kql!.length).toBeLessThanOrEqual(searchKqlMaxChars);
        expect(parseSearchParameter(throughUrl(searchParameter(kql!)))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps operators and field names as words: OR, NOT, from: inside text are terms', () => {
    const kql = buildSearchKql({ text: 'a OR b NOT from:"x" *' })!;
    expect(kql).toBe('"a" AND "OR" AND "b" AND "NOT" AND "from:" AND "x"');
    expect(parseSearchParameter(searchParameter(kql))).toEqual(['a', 'OR', 'b', 'NOT', 'from:', 'x'].map((value) => ({ kind: 'term', value })));
  });

  it('refuses a query over 1,024 characters with 400 and nothing for an all-dropped value', () => {
    const long = 'w'.repeat(250);
    expect(() => buildSearchKql({ text: long, from: long, to: long, subject: long, hasAttachments: true })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(buildSearchKql({ text: '"*\\\u0000 ' })).toBeUndefined();
  });

  it('widens dates to whole days, one more on each side', () => {
    expect(buildSearchKql({ receivedAfter: '2024-03-10T15:00:00Z', receivedBefore: '2024-03-12T00:00:00Z' })).toBe('received>=2024-03-09 AND received<=2024-03-13');
  });

  it.each([
    'hello', // bare word, not in quotes
    '"a" OR "b"',
    'NOT "a"',
    '"a" AND',
    'AND "a"',
    'subject:a',
    'body:"x"',
    '"a" AND AND "b"',
    '"a"*',
    'received:07/23/2018',
    '""',
  ])('the grammar refuses KQL the builder never writes: %s', (kql) => {
    expect(() => parseSearchParameter(searchParameter(kql))).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('the grammar refuses a value not wrapped in quotes, or with a stray backslash', () => {
    for (const raw of ['"a"', 'x', '"\\"a\\" \\\\"']) expect(() => parseSearchParameter(raw)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
