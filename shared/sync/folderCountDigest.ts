import { createHash } from 'node:crypto';
import type { Folder } from '../protocol/schemas/folders';

/**
 * What folders/sync remembers of the counts a device holds, so it can send a folder again when its
 * `unread`/`total` changed though Graph's delta did not report it (whether count changes reach
 * mailFolders/delta is UNVERIFIED: https://learn.microsoft.com/graph/api/mailfolder-delta promises
 * "added, deleted, or removed" folders). Ferry is stateless: the digest travels in the sealed state.
 *
 * Per folder 5 bytes: 3 of a hash of its id (the key) and 2 of a hash of id, unread and total. So a
 * change is missed only when the new counts hash like the old ones (1 in 65,536); two folders whose
 * id hashes collide (one mailbox in 14,000 at 50 folders, one in 500 at 256) share an entry, so they
 * are sent again when either changes, and one of them is no longer checked once the other is deleted.
 * At most `countDigestCapacity` folders (1,280 bytes, about 1,700 characters of the 4,096 a state
 * may take); a folder beyond it keeps the counts the delta last reported.
 */
export const countDigestCapacity = 256;

const idBytes = 3;
const countBytes = 2;
const entryBytes = idBytes + countBytes;

/** id hash -> counts hash. */
export type CountDigest = Map<number, number>;

function hashOf(text: string, bytes: number): number {
  return createHash('sha256').update(text).digest().readUIntBE(0, bytes);
}

const idKey = (id: string) => hashOf(id, idBytes);
const countsKey = (folder: Pick<Folder, 'id' | 'unread' | 'total'>) => hashOf(`${folder.id}\n${folder.unread}\n${folder.total}`, countBytes);

export function encodeCountDigest(digest: CountDigest): string {
  const keys = [...digest.keys()].sort((a, b) => a - b);
  const bytes = Buffer.alloc(keys.length * entryBytes);
  keys.forEach((key, index) => {
    bytes.writeUIntBE(key, index * entryBytes, idBytes);
    bytes.writeUIntBE(digest.get(key)!, index * entryBytes + idBytes, countBytes);
  });
  return bytes.toString('base64url');
}

/** The longest encoded digest, for the state schema. */
export const maxEncodedCountDigestLength = Math.ceil((countDigestCapacity * entryBytes * 4) / 3);

export function decodeCountDigest(text: string): CountDigest {
  const bytes = Buffer.from(text, 'base64url');
  const digest: CountDigest = new Map();
  for (let offset = 0; offset + entryBytes <= bytes.length; offset += entryBytes) {
    digest.set(bytes.readUIntBE(offset, idBytes), bytes.readUIntBE(offset + idBytes, countBytes));
  }
  return digest;
}

/** True when the digest knows the folder and holds other counts for it than `folder` has. */
export function countsChanged(digest: CountDigest, folder: Folder): boolean {
  const known = digest.get(idKey(folder.id));
  return known !== undefined && known !== countsKey(folder);
}

/**
 * The digest after an answer, as the device holds it once applied: `upserts` set their folders'
 * counts (a new folder only while there is room), `removed` forget theirs. Pure: returns a new map.
 */
export function applyToCountDigest(digest: CountDigest, upserts: readonly Folder[], removed: readonly string[]): CountDigest {
  const next = new Map(digest);
  for (const folder of upserts) {
    const key = idKey(folder.id);
    if (next.has(key) || next.size < countDigestCapacity) next.set(key, countsKey(folder));
  }
  for (const id of removed) next.delete(idKey(id));
  return next;
}
