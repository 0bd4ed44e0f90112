/**
 * `value` with every string in it (object keys included, at any depth) well-formed UTF-16: a lone
 * surrogate becomes U+FFFD (`String.prototype.toWellFormed`). Mail is written by strangers, and Graph
 * relays a subject, name, category or body with a lone surrogate as it is; JSON.stringify then writes
 * it as `"\udc00"`, which strict JSON decoders (reportedly Apple Foundation's) refuse, and with it the
 * whole answer. Strings already well-formed (nearly all) are returned as they are, without copying;
 * objects and arrays are copied only when something in them changes. Pure: `value` is not changed.
 * Never lengthens the JSON: an escaped lone surrogate is 6 bytes, U+FFFD 3 in UTF-8.
 */
export function wellFormedStrings<T>(value: T): T {
  return wellFormed(value) as T;
}

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.isWellFormed() ? value : value.toWellFormed();
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = wellFormed(value[index]);
      if (item !== value[index]) (copy ??= [...value])[index] = item;
    }
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, property]) => {
    const wellFormedKey = key.isWellFormed() ? key : key.toWellFormed();
    const wellFormedProperty = wellFormed(property);
    if (wellFormedKey !== key || wellFormedProperty !== property) changed = true;
    return [wellFormedKey, wellFormedProperty] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}
