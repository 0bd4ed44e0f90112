/**
 * Completes a partial delta item with a fetched copy of the same item: only the properties the delta
 * item lacks are taken from `filledIn`; whatever the delta sent (null included) is kept, being at
 * least as new as the delta. OData annotations (`@odata.etag`, ...) of `filledIn` are not copied.
 * Throws TypeError when `filledIn` carries another id (a mixed-up batch answer); one without an id
 * (selected fields only) is accepted.
 */
export function mergeGraphItem<T extends { id?: string }>(partial: T, filledIn: T): T {
  if (partial.id === undefined || (filledIn.id !== undefined && filledIn.id !== partial.id)) {
    throw new TypeError('mergeGraphItem: the fetched item is not the delta item.');
  }
  const merged: Record<string, unknown> = { ...partial };
  for (const [field, value] of Object.entries(filledIn)) {
    if (merged[field] === undefined && !field.startsWith('@')) merged[field] = value;
  }
  return merged as T;
}
