import { chooseAnswerCut, jsonBytes } from '../../../shared/sync/chooseAnswerCut';

describe('chooseAnswerCut', () => {
  it.each([
    // pageBytes, first page entries, budget, cut
    [[], [], 100, { kind: 'all' }],
    [[40, 60], [40], 100, { kind: 'all' }],
    [[40, 61], [40], 100, { kind: 'pages', pages: 1 }],
    [[10, 20, 30, 50], [10], 100, { kind: 'pages', pages: 3 }],
    [[150, 10], [50, 50, 50], 100, { kind: 'shrink', entries: 2 }],
    [[150], [101, 49], 100, { kind: 'shrink', entries: 1 }],
    [[101], [101], 100, { kind: 'shrink', entries: 1 }],
  ])('pages %j (first page entries %j) in %d bytes: %j', (pageBytes, entryBytes, budget, cut) => {
    expect(chooseAnswerCut(pageBytes, entryBytes, budget)).toEqual(cut);
  });

  it('counts UTF-8 bytes of the JSON and a comma', () => {
    expect(jsonBytes('é')).toBe(Buffer.byteLength('"é"') + 1);
    expect(jsonBytes({ a: '\u0001' })).toBe('{"a":"\\u0001"}'.length + 1);
  });
});
