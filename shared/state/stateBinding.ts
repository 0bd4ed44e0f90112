/**
 * What a state token is bound to. It is not stored in the token but authenticated with it (GCM
 * associated data), so a token only opens for the same tenant, user and collection it was sealed for.
 */
export interface StateBinding {
  /** Entra tenant id of the caller (token claim `tid`). */
  tid: string;
  /** Entra object id of the caller (token claim `oid`). */
  oid: string;
  /** `folders`, or `mail:<folderId>` (see `mailCollection`). */
  collection: StateCollection;
}

export type StateCollection = 'folders' | `mail:${string}`;

export const foldersCollection = 'folders' satisfies StateCollection;

export function mailCollection(folderId: string): StateCollection {
  return `mail:${folderId}`;
}

/** Throws TypeError for a binding the caller built wrong: that is a bug, not a device error. */
export function assertStateBinding(binding: StateBinding): void {
  const ok =
    typeof binding?.tid === 'string' &&
    binding.tid.length > 0 &&
    typeof binding.oid === 'string' &&
    binding.oid.length > 0 &&
    (binding.collection === foldersCollection || (typeof binding.collection === 'string' && /^mail:.+$/s.test(binding.collection)));
  if (!ok) throw new TypeError('A state binding needs a non-empty tid and oid and a collection `folders` or `mail:<folderId>`.');
}

/**
 * The GCM associated data: everything a token is bound to, plus its format version and key id (both
 * also in the frame, authenticated here so neither can be swapped). A JSON array of strings and a
 * number is unambiguous, whatever characters the ids hold.
 */
export function stateAssociatedData(binding: StateBinding, version: number, keyId: string): Buffer {
  return Buffer.from(JSON.stringify(['ferry/state', version, keyId, binding.tid, binding.oid, binding.collection]), 'utf8');
}
