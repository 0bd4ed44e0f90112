/**
 * One answer of a sync round, start to end: pull Graph's pages, prepare their items (fill-in, the
 * check of removed ids, leave-outs, each translated under its own guard), cut by bytes and time, and
 * complete a round that starts and ends here. Why one file of this length: these steps share one
 * ordering contract (an answer ends on a page boundary whose link Graph still keeps, and no id is
 * answered twice), which is easier to check in one place; each step that stands alone has its own
 * module (pullDeltaPages, fillInPartialItems, verifyRemovedItems, chooseAnswerCut).
 */
import type { Clock } from '../clock';
import type { GraphClient } from '../graph/graphRequest';
import { FerryError } from '../protocol/ferryError';
import { chooseAnswerCut, jsonBytes } from './chooseAnswerCut';
import type { SyncPlan } from './defineSyncCommand';
import { completeFromParents, type ParentLink, type ParentsResult } from './completeFromParents';
import { fillInPartialItems } from './fillInPartialItems';
import { isRemoved, pullDeltaPages, type PullResult } from './pullDeltaPages';
import { keepPagesBeforeUnverified, verifyRemovedItems } from './verifyRemovedItems';

export interface SyncRoundOptions {
  graph: GraphClient;
  clock: Clock;
  /** Where the round goes on; undefined starts a new one. */
  link?: string;
  stopPullingAtInMs: number;
  /** Bytes of JSON the answer's upserts and removed ids may take. */
  itemBudgetInBytes: number;
  /** An item went out degraded (plan.toDeviceDegraded) because its translation threw `error`. */
  onDegraded?(id: string, error: unknown): void;
  /**
   * Epoch ms after which no page past the first is translated: translating (cutting hostile bodies)
   * is CPU the command's deadline counts too. The answer then carries the pages translated and
   * `more: true`. Default: no limit.
   */
  stopTranslatingAtInMs?: number;
}

export interface SyncRoundAnswer<DeviceItem> {
  upserts: DeviceItem[];
  removed: string[];
  link?: string;
  inRound: boolean;
  more: boolean;
  reset: boolean;
  /** Items that needed a fill-in request; pages pulled; bytes of the items (for logs). */
  filledIn: number;
  /** `@removed` ids checked, and those found still in the collection (sent as upserts), for logs. */
  removedChecked: number;
  removedStillHere: number;
  /** Parents (series masters) fetched to complete or precede their children, for logs. */
  parentsFetched: number;
  pages: number;
  bytes: number;
}

/** One id's last word in the pulled pages, ready for the answer. */
interface Unit<DeviceItem> {
  id: string;
  /** The page of the id's last occurrence: the answer carries it only if it carries that page. */
  page: number;
  upsert?: DeviceItem;
  bytes: number;
}

/**
 * One answer of a delta round: pulls pages, fills in partial items, checks removed ids (when the
 * collection asks: verifyRemovedItems), leaves out what it must, translates the rest and keeps the
 * answer within its byte budget. Pages are kept whole (the next call can only go on from a link): when
 * the pages pulled do not all fit, the answer carries the ones that do and the next call asks for the
 * rest again; when not even the first page fits, it is asked for again with fewer entries, down to one
 * entry, which goes alone and cut (`toDeviceWithin`). So every answer moves the round forward.
 */
export async function runSyncRound<GraphItem, DeviceItem>(plan: SyncPlan<GraphItem, DeviceItem, unknown>, options: SyncRoundOptions): Promise<SyncRoundAnswer<DeviceItem>> {
  // Pulling stops at about the answer's bytes, so a cut by bytes falls at the last page pulled, whose
  // link Graph still keeps (pullDeltaPages: generations).
  const pull = (link: string | undefined, window: number, maxPages?: number) =>
    pullDeltaPages({
      graph: options.graph,
      clock: options.clock,
      window,
      stopPullingAtInMs: options.stopPullingAtInMs,
      stopAfterBytes: options.itemBudgetInBytes,
      link,
      maxPages,
      startRequest: plan.startRequest,
      linkRequest: plan.linkRequest,
    });

  let pulled = await pull(options.link, plan.window);
  // A first page too large is asked for again at most twice: with the entries that fit, then with one.
  for (let shrinks = 0; ; shrinks++) {
    let prepared = await prepareUnits(plan, options, pulled);
    if (prepared.unverified) {
      const { page, failure } = prepared.unverified;
      pulled = keepPagesBeforeUnverified(pulled, page, failure);
      prepared = { ...prepared, units: prepared.units.filter((unit) => unit.page < page) };
    }
    if (prepared.translatedPages < pulled.pages.length) {
      // Out of time while translating: the pages translated go out (at least the first), the rest is asked for again.
      const pages = prepared.translatedPages;
      pulled = keepPagesBeforeUntranslated(pulled, pages);
      prepared = { ...prepared, units: prepared.units.filter((unit) => unit.page < pages) };
    }
    const { units, counts } = prepared;
    const cut = chooseAnswerCut(
      pulled.pages.map((_, page) => sum(units.filter((unit) => unit.page === page).map((unit) => unit.bytes))),
      firstPageEntryBytes(pulled, units),
      options.itemBudgetInBytes,
    );
    if (cut.kind === 'all') return complete(plan, options, pulled, prepared);
    if (cut.kind === 'pages') {
      const kept = units.filter((unit) => unit.page < cut.pages);
      return answerOf(kept, { link: pulled.pages[cut.pages]!.link, inRound: true, more: true, reset: pulled.reset }, counts, cut.pages);
    }
    const first = pulled.pages[0]!;
    if (first.entries.length <= 1 || shrinks >= 2) return alone(plan, options, pulled, prepared);
    const entries = shrinks === 0 ? cut.entries : 1;
    const again = await pull(first.link, entries, 1);
    // A restart or a new round inside the second pull keeps its own flags; a first page that was a
    // round's start stays one (`reset`).
    pulled = { ...again, reset: again.reset || pulled.reset };
  }
}

type Counts = Pick<SyncRoundAnswer<unknown>, 'filledIn' | 'removedChecked' | 'removedStillHere' | 'parentsFetched'>;

interface Prepared<GraphItem, DeviceItem> {
  units: Array<Unit<DeviceItem>>;
  counts: Counts;
  /** The first page holding the last word on an id whose `@removed` could not be checked, and why. */
  unverified?: { page: number; failure: unknown };
  /** The complete Graph items by id (fill-ins merged; removed ids found still here added). */
  graphItems: ReadonlyMap<string, GraphItem>;
  /** Pages whose items were all translated before `stopTranslatingAtInMs` (all of them, unless time ran out). */
  translatedPages: number;
}

async function prepareUnits<GraphItem, DeviceItem>(plan: SyncPlan<GraphItem, DeviceItem, unknown>, options: SyncRoundOptions, pulled: PullResult): Promise<Prepared<GraphItem, DeviceItem>> {
  const { graph } = options;
  const lastPage = new Map<string, number>();
  const lastEntry = new Map<string, Record<string, unknown>>();
  pulled.pages.forEach((page, index) => {
    for (const entry of page.entries) {
      lastPage.delete(entry.id); // re-inserting keeps arrival order of the last word
      lastPage.set(entry.id, index);
      lastEntry.set(entry.id, entry);
    }
  });
  const present = new Map<string, GraphItem & { id?: string }>();
  const removedIds: string[] = [];
  for (const [id, entry] of lastEntry) {
    if (isRemoved(entry as never)) removedIds.push(id);
    else present.set(id, entry as GraphItem & { id?: string });
  }
  // Children (occurrences) first take what they lack from their parents (masters), fetched once each.
  const family = plan.parents ? await completeFromParents<GraphItem & { id?: string }>(graph, present, plan.select, plan.parents as ParentLink<GraphItem & { id?: string }>) : undefined;
  // Independent $batches: the fill-in of partial items and the check of removed ids go out together.
  const [filled, verified] = await Promise.all([
    fillInPartialItems(graph, family?.complete ?? present, plan.select, plan.fillInRequest, plan.membership),
    verifyRemovedItems(graph, removedIds, plan.checkRemoved),
  ]);
  const complete = new Map<string, GraphItem>([...filled.complete, ...verified.stillHere]);
  if (plan.parents && family) await completeLateParents(graph, plan, complete, family as ParentsResult<GraphItem>);
  const units: Array<Unit<DeviceItem>> = [];
  let unverified: Prepared<GraphItem, DeviceItem>['unverified'];
  let translatedPages = pulled.pages.length;
  for (const [id, page] of lastPage) {
    // Ids come in page order (of their last word): the first page is always translated, so every answer moves on.
    if (page > 0 && options.stopTranslatingAtInMs !== undefined && options.clock.now() >= options.stopTranslatingAtInMs) {
      translatedPages = page;
      break;
    }
    if (verified.unverified.has(id)) {
      if (!unverified || page < unverified.page) unverified = { page, failure: verified.unverified.get(id) };
      continue;
    }
    const item = complete.get(id);
    if (item !== undefined && plan.leaveOut?.(item)) continue;
    const upsert = item === undefined ? undefined : guarded(plan, options, id, item, (it) => plan.toDevice(it));
    units.push({ id, page, upsert, bytes: jsonBytes(upsert ?? id) });
  }
  const counts = { filledIn: filled.filledIn, removedChecked: verified.checked, removedStillHere: verified.stillHere.size, parentsFetched: family?.fetched ?? 0 };
  const ordered = plan.parents && family ? placeParents(plan, options, units, present, family as ParentsResult<GraphItem>) : units;
  return { units: ordered, counts, unverified, graphItems: new Map([...complete, ...(family?.parents ?? [])]), translatedPages };
}

/**
 * Items whose parent only their fill-in named (a partial exception): their parents are fetched too.
 * Parents gone take their children out of `complete` (they become removed units).
 */
async function completeLateParents<GraphItem>(graph: GraphClient, plan: SyncPlan<GraphItem, unknown, unknown>, complete: Map<string, GraphItem>, family: ParentsResult<GraphItem>): Promise<void> {
  const link = plan.parents!;
  const gone = new Set(family.gone);
  const late = new Map([...complete].filter(([, item]) => {
    const parent = link.parentOf(item);
    return parent !== undefined && !family.parents.has(parent) && !gone.has(parent);
  }));
  if (late.size > 0) {
    const again = await completeFromParents(graph, late, plan.select, link, family.parents);
    for (const [id, item] of again.complete) complete.set(id, item);
    for (const [id, parent] of again.parents) family.parents.set(id, parent);
    for (const id of again.gone) gone.add(id);
    family.fetched += again.fetched;
  }
  for (const id of gone) complete.delete(id);
  family.gone = [...gone];
}

/**
 * Every child unit gets its parent's unit just before it (a parent the pages hold later moves up; one
 * fetched is added; one gone is a removed id), so an answer with an occurrence holds its master. Added
 * parents are not counted in the window; their bytes count like any unit's.
 */
function placeParents<GraphItem, DeviceItem>(
  plan: SyncPlan<GraphItem, DeviceItem, unknown>,
  options: SyncRoundOptions,
  units: Array<Unit<DeviceItem>>,
  present: ReadonlyMap<string, GraphItem>,
  family: ParentsResult<GraphItem>,
): Array<Unit<DeviceItem>> {
  const link = plan.parents!;
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const gone = new Set(family.gone);
  const placed = new Set<string>();
  const out: Array<Unit<DeviceItem>> = [];
  for (const unit of units) {
    if (placed.has(unit.id)) continue;
    const item = family.complete.get(unit.id) ?? present.get(unit.id);
    const parentId = item === undefined ? undefined : link.parentOf(item);
    if (parentId !== undefined && !placed.has(parentId)) {
      const own = byId.get(parentId);
      const parent = family.parents.get(parentId);
      if (own) out.push({ ...own, page: Math.min(own.page, unit.page) });
      else if (gone.has(parentId)) out.push({ id: parentId, page: unit.page, bytes: jsonBytes(parentId) });
      else if (parent !== undefined) {
        const upsert = guarded(plan, options, parentId, parent, (it) => plan.toDevice(it));
        out.push({ id: parentId, page: unit.page, upsert, bytes: jsonBytes(upsert ?? parentId) });
      }
      placed.add(parentId);
    }
    out.push(unit);
    placed.add(unit.id);
  }
  return out;
}

/** The pull as if it had ended before page `pages` (which the next call asks for again): more follows. */
function keepPagesBeforeUntranslated(pulled: PullResult, pages: number): PullResult {
  return { ...pulled, pages: pulled.pages.slice(0, pages), link: pulled.pages[pages]!.link, inRound: true, more: true };
}

/** The bytes of each entry of the first page, in page order, from the units they became. */
function firstPageEntryBytes<DeviceItem>(pulled: PullResult, units: Array<Unit<DeviceItem>>): number[] {
  const byId = new Map(units.map((unit) => [unit.id, unit.bytes]));
  return (pulled.pages[0]?.entries ?? []).map((entry) => byId.get(entry.id) ?? 0);
}

/** Every pulled page fits: a round that starts and ends here may still add what the delta left out. */
async function complete<GraphItem, DeviceItem>(
  plan: SyncPlan<GraphItem, DeviceItem, unknown>,
  options: SyncRoundOptions,
  pulled: PullResult,
  { units, counts, graphItems }: Prepared<GraphItem, DeviceItem>,
): Promise<SyncRoundAnswer<DeviceItem>> {
  const flags = { link: pulled.link, inRound: pulled.inRound, more: pulled.more, reset: pulled.reset };
  if (plan.completeRound && pulled.reset && !pulled.more) {
    const visible = new Map<string, GraphItem>();
    for (const unit of units) if (unit.upsert !== undefined && graphItems.has(unit.id)) visible.set(unit.id, graphItems.get(unit.id)!);
    for (const item of await plan.completeRound(visible)) {
      const id = (item as { id?: string }).id;
      if (id === undefined) continue;
      const upsert = guarded(plan, options, id, item, (it) => plan.toDevice(it));
      if (upsert === undefined) continue;
      units.push({ id, page: 0, upsert, bytes: jsonBytes(upsert) });
    }
  }
  return answerOf(units, flags, counts, pulled.pages.length);
}

/**
 * One item's translation under its own guard: when it throws, the item goes out degraded
 * (plan.toDeviceDegraded) and the round moves on; without a degraded form the error fails the answer.
 */
function guarded<GraphItem, DeviceItem>(
  plan: SyncPlan<GraphItem, DeviceItem, unknown>,
  options: SyncRoundOptions,
  id: string,
  item: GraphItem,
  translate: (item: GraphItem) => DeviceItem | undefined,
): DeviceItem | undefined {
  try {
    return translate(item);
  } catch (error) {
    if (!plan.toDeviceDegraded) throw error;
    options.onDegraded?.(id, error);
    return plan.toDeviceDegraded(item);
  }
}

/**
 * The first page asked for with one entry still does not fit: that entry goes alone, cut to the
 * budget, so the round moves on whatever a stranger mailed.
 */
async function alone<GraphItem, DeviceItem>(
  plan: SyncPlan<GraphItem, DeviceItem, unknown>,
  options: SyncRoundOptions,
  pulled: PullResult,
  { units, counts, graphItems }: Prepared<GraphItem, DeviceItem>,
): Promise<SyncRoundAnswer<DeviceItem>> {
  const first = pulled.pages[0]!;
  const entry = first.entries[0];
  const unit = units.find((candidate) => candidate.id === entry?.id);
  if (!entry || !unit) throw new FerryError('upstream_error', { logReason: 'answer_budget_unmet' });
  const next = pulled.pages[1]?.link ?? pulled.link;
  const flags = { link: next, inRound: pulled.pages.length > 1 ? true : pulled.inRound, more: pulled.pages.length > 1 ? true : pulled.more, reset: pulled.reset };
  // The parent placed just before it (placeParents) goes with it when both fit: an occurrence keeps its master.
  const before = units[units.indexOf(unit) - 1];
  const parent = before && plan.parents && graphItems.has(unit.id) && plan.parents.parentOf(graphItems.get(unit.id)!) === before.id ? before : undefined;
  if (parent && unit.bytes + parent.bytes <= options.itemBudgetInBytes) return answerOf([parent, unit], flags, counts, 1);
  if (unit.upsert === undefined || unit.bytes <= options.itemBudgetInBytes) return answerOf([unit], flags, counts, 1);
  const item = graphItems.get(unit.id);
  if (!plan.toDeviceWithin || item === undefined) throw new FerryError('upstream_error', { logReason: 'item_over_answer_budget' });
  const within = plan.toDeviceWithin.bind(plan);
  const upsert = guarded(plan, options, unit.id, item, (it) => within(it, options.itemBudgetInBytes - 1))!;
  return answerOf([{ ...unit, upsert, bytes: jsonBytes(upsert) }], flags, counts, 1);
}

function answerOf<DeviceItem>(
  units: Array<Unit<DeviceItem>>,
  flags: Pick<SyncRoundAnswer<DeviceItem>, 'link' | 'inRound' | 'more' | 'reset'>,
  counts: Counts,
  pages: number,
): SyncRoundAnswer<DeviceItem> {
  const upserts: DeviceItem[] = [];
  const removed: string[] = [];
  for (const unit of units) {
    if (unit.upsert === undefined) removed.push(unit.id);
    else upserts.push(unit.upsert);
  }
  return { upserts, removed, ...flags, ...counts, pages, bytes: sum(units.map((unit) => unit.bytes)) };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
