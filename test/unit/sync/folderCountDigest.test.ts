import type { Folder } from '../../../shared/protocol/schemas/folders';
import { applyToCountDigest, countDigestCapacity, countsChanged, decodeCountDigest, encodeCountDigest, maxEncodedCountDigestLength } from '../../../shared/sync/folderCountDigest';

const folder = (id: string, unread: number, total: number): Folder => ({ id, parentId: null, name: id, kind: 'other', unread, total });

/** The digest of the counts a device holds, sealed in the folders state (issue 13, point 6). */
describe('folderCountDigest', () => {
  it('tells a changed count from an unchanged one, for the folders it knows only', () => {
    const digest = applyToCountDigest(new Map(), [folder('a', 1, 5), folder('b', 0, 0)], []);
    expect(countsChanged(digest, folder('a', 1, 5))).toBe(false);
    expect(countsChanged(digest, folder('a', 2, 5))).toBe(true);
    expect(countsChanged(digest, folder('a', 1, 6))).toBe(true);
    expect(countsChanged(digest, folder('unknown', 9, 9))).toBe(false);
  });

  it('follows the answers: an upsert replaces a folder\'s counts, a removal forgets it (so counts going back are seen)', () => {
    const first = applyToCountDigest(new Map(), [folder('a', 1, 5)], []);
    const second = applyToCountDigest(first, [folder('a', 2, 6)], []);
    expect(countsChanged(second, folder('a', 1, 5))).toBe(true);
    expect(countsChanged(first, folder('a', 1, 5))).toBe(false); // pure: the first digest is unchanged
    expect(applyToCountDigest(second, [], ['a']).size).toBe(0);
  });

  it('round-trips through its sealed form, within the length the state schema allows', () => {
    const folders = Array.from({ length: countDigestCapacity + 40 }, (_, index) => folder(`folder-${index}`, index % 7, index));
    const digest = applyToCountDigest(new Map(), folders, []);
    expect(digest.size).toBe(countDigestCapacity);
    const text = encodeCountDigest(digest);
    expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
    expect(text.length).toBeLessThanOrEqual(maxEncodedCountDigestLength);
    expect(decodeCountDigest(text)).toEqual(digest);
    // A folder beyond the capacity is not tracked; one already tracked still updates.
    expect(countsChanged(digest, folder(`folder-${countDigestCapacity + 1}`, 99, 99))).toBe(false);
    expect(countsChanged(applyToCountDigest(digest, [folder('folder-0', 5, 5)], []), folder('folder-0', 0, 0))).toBe(true);
  });
});
