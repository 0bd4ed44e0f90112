import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import { missingGraphFields } from '../translate/missingGraphFields';

/**
 * Items that stand on another item of the collection (calendar: occurrences and exceptions on their
 * series master). A delta may send such an item as a stub (calendarView delta: only id, seriesMasterId,
 * type, start and end, reported); its other fields are its parent's.
 */
export interface ParentLink<GraphItem> {
  /** The id of the item this one stands on, or undefined. */
  parentOf(item: GraphItem): string | undefined;
  /** The request that fetches a parent whole (one `$batch` item). */
  request(id: string): GraphRequest;
  /** Fields a child never takes from its parent (its own times and identity). */
  ownFields: readonly string[];
  /** Own fields a child has when the delta left them out (an occurrence's `recurrence` is null). */
  childDefaults: Readonly<Record<string, unknown>>;
}

export interface ParentsResult<T> {
  /** The items, children completed from their parents (fields they lacked, never `ownFields`). */
  complete: Map<string, T>;
  /** Parents by id: those the items held whole, and those fetched. */
  parents: Map<string, T>;
  /** Parents found gone (404) and their children: report them removed. */
  gone: string[];
  /** Parents fetched. */
  fetched: number;
}

/**
 * Completes children from their parents: every parent named by an item and not held whole (`known`, or
 * a complete item among `items`) is fetched once, all in one `$batch`; a child gets only the fields it
 * lacks (of `select`), never `ownFields`. A parent that is gone (404) takes its children with it.
 * Another failure of a parent's fetch fails the answer (the device calls again).
 */
export async function completeFromParents<T>(
  graph: GraphClient,
  items: ReadonlyMap<string, T>,
  select: readonly string[],
  link: ParentLink<T>,
  known: ReadonlyMap<string, T> = new Map(),
): Promise<ParentsResult<T>> {
  const parents = new Map(known);
  const named = new Set<string>();
  for (const item of items.values()) {
    const parent = link.parentOf(item);
    if (parent !== undefined) named.add(parent);
  }
  for (const id of named) {
    const held = items.get(id);
    if (held !== undefined && missingGraphFields(held as object, select).length === 0) parents.set(id, held);
  }
  const toFetch = [...named].filter((id) => !parents.has(id));
  const gone = new Set<string>();
  if (toFetch.length > 0) {
    const results = await graph.batch(toFetch.map((id) => link.request(id)));
    results.forEach((result, index) => {
      const id = toFetch[index]!;
      if (result.ok) parents.set(id, result.response.body as T);
      else if (result.response?.status === 404) gone.add(id);
      else throw result.error;
    });
  }
  const complete = new Map<string, T>();
  for (const [id, item] of items) {
    const parentId = link.parentOf(item);
    if (parentId !== undefined && gone.has(parentId)) {
      gone.add(id);
      continue;
    }
    const parent = parentId === undefined ? undefined : parents.get(parentId);
    complete.set(id, parent === undefined ? item : withParentFields(item, parent, select, link));
  }
  return { complete, parents, gone: [...gone], fetched: toFetch.length };
}

function withParentFields<T>(item: T, parent: T, select: readonly string[], link: ParentLink<T>): T {
  const missing = missingGraphFields(item as Record<string, unknown>, select);
  if (missing.length === 0) return item;
  const from = parent as Record<string, unknown>;
  const own = missing.filter((field) => link.ownFields.includes(field) && field in link.childDefaults).map((field) => [field, link.childDefaults[field]] as const);
  const inherited = missing.filter((field) => !link.ownFields.includes(field) && from[field] !== undefined).map((field) => [field, from[field]] as const);
  return { ...item, ...Object.fromEntries([...inherited, ...own]) } as T;
}
