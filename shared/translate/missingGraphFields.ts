/**
 * The selected fields a Graph item lacks. An absent property means "not sent" (delta items may be
 * partial), never "empty": `null` is a value Graph sent and is not missing.
 */
export function missingGraphFields<T extends object, K extends string>(item: T, selectedFields: readonly K[]): K[] {
  return selectedFields.filter((field) => (item as Record<string, unknown>)[field] === undefined);
}

/**
 * Translators refuse to guess: they throw TypeError (a caller bug: fetch and merge first) naming the
 * missing fields, which are property names and safe to log.
 */
export function assertNoMissingFields(translator: string, item: object, fields: readonly string[]): void {
  const missing = missingGraphFields(item, fields);
  if (missing.length > 0) {
    throw new TypeError(`${translator}: Graph did not send ${missing.join(', ')}; fetch the item and merge it first.`);
  }
}
