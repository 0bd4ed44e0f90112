/**
 * What a request field holds, as a JSON Schema annotation on the field (`x-` so OpenAPI 3.1 reads it
 * as an extension). Tests read it from `z.toJSONSchema` output: the isolation suite replays another
 * user's value in every tagged field of every registered command, and the fuzzer fills tagged fields
 * with hostile values of that kind. A new command's fields join those checks by using these schemas.
 *
 * - `id`: a Graph item id (404 for another mailbox's)
 * - `folder`: a Graph folder id (404 `folder_not_found` for another mailbox's)
 * - `state`, `cursor`, `upload`: values Ferry sealed for one user and one purpose (410 elsewhere)
 */
export const ferryKindKeyword = 'x-ferry-kind';

export const ferryKinds = ['id', 'folder', 'state', 'cursor', 'upload'] as const;
export type FerryKind = (typeof ferryKinds)[number];

/** Kinds whose values Ferry sealed: any other user's or purpose's value is 410. */
export const sealedFerryKinds: readonly FerryKind[] = ['state', 'cursor', 'upload'];

/** Metadata for `.meta(...)`: tags a schema with its kind. */
export function ferryKind(kind: FerryKind): { [ferryKindKeyword]: FerryKind } {
  return { [ferryKindKeyword]: kind };
}
