import type { IdFactory } from '../../core/graphIds';
import { toGraphTimestamp } from '../../core/graphTypes';
import type { EventFields, EventInstance, EventRecord, RecurrenceRecord } from './calendarTypes';
import { expandSeries } from './expandRecurrence';


export interface CalendarOwner {
  oid: string;
  upn: string;
  displayName: string;
}

/**
 * One user's primary calendar in memory: single events and series masters. Occurrences are not
 * stored: `instances` expands the series over a window, applying each occurrence's override (an
 * exception, or a deletion). Occurrence ids are stable: the master's id and the original start.
 */
export class CalendarStore {
  readonly events = new Map<string, EventRecord>();
  /** Write counter: each record's `seq` is its last write; `removedAt` keeps deleted records' ids (removedOutsideWindow). */
  sequence = 0;
  readonly removedAt = new Map<string, number>();

  constructor(
    readonly owner: CalendarOwner,
    readonly ids: IdFactory,
    readonly now: () => number,
  ) {}

  insert(fields: EventFields, recurrence?: RecurrenceRecord): EventRecord {
    const at = toGraphTimestamp(this.now());
    const id = this.ids.next('event');
    const record: EventRecord = { ...fields, id, iCalUId: `040000008200E00074C5B7101A82E008${id.slice(-40).replace(/[^A-Za-z0-9]/g, '0')}`, createdDateTime: at, lastModifiedDateTime: at, changeKey: this.ids.changeKey(), recurrence, overrides: new Map(), seq: ++this.sequence };
    this.events.set(id, record);
    return record;
  }

  /** Marks a write: a new change key and modification time. */
  touch(record: EventRecord): void {
    record.lastModifiedDateTime = toGraphTimestamp(this.now());
    record.changeKey = this.ids.changeKey();
    record.seq = ++this.sequence;
  }

  /** Deletes a single event or a whole series. */
  remove(id: string): void {
    if (this.events.delete(id)) this.removedAt.set(id, ++this.sequence);
  }

  /** Every instance overlapping [startMs, endMs): singles, occurrences and exceptions, by start. */
  instances(startMs: number, endMs: number): EventInstance[] {
    const out: EventInstance[] = [];
    for (const record of this.events.values()) {
      if (!record.recurrence) {
        if (overlaps(record, startMs, endMs)) out.push({ id: record.id, type: 'singleInstance', record, fields: record });
        continue;
      }
      for (const originalStartMs of occurrenceStarts(record, endMs)) {
        const instance = occurrenceOf(record, originalStartMs);
        if (instance && overlaps(instance.fields, startMs, endMs)) out.push(instance);
      }
    }
    return out.sort((a, b) => a.fields.startMs - b.fields.startMs || a.id.localeCompare(b.id));
  }

  /** A single event, a master, or an occurrence by its id (undefined: no such item, or a deleted occurrence). */
  find(id: string): EventInstance | undefined {
    const record = this.events.get(id);
    if (record) return { id, type: record.recurrence ? 'seriesMaster' : 'singleInstance', record, fields: record };
    const parsed = parseOccurrenceId(id);
    const master = parsed && this.events.get(parsed.masterId);
    if (!parsed || !master?.recurrence) return undefined;
    if (!occurrenceStarts(master, parsed.originalStartMs + 1).includes(parsed.originalStartMs)) return undefined;
    return occurrenceOf(master, parsed.originalStartMs);
  }
}

function overlaps(fields: Pick<EventFields, 'startMs' | 'endMs'>, startMs: number, endMs: number): boolean {
  return fields.startMs < endMs && fields.endMs > startMs;
}

/** `{master}` without its `AAA=` tail, `Occ`, the original start as `YYYYMMDDHHmm` (UTC), `AAA=`. */
export function occurrenceIdOf(masterId: string, originalStartMs: number): string {
  const stamp = new Date(originalStartMs).toISOString().replace(/[-T:]/g, '').slice(0, 12);
  return `${masterId.slice(0, -4)}Occ${stamp}AAA=`;
}

export function parseOccurrenceId(id: string): { masterId: string; originalStartMs: number } | undefined {
  const match = /^(.+)Occ(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})AAA=$/.exec(id);
  if (!match) return undefined;
  const [, head, y, mo, d, h, mi] = match;
  return { masterId: `${head}AAA=`, originalStartMs: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) };
}

function occurrenceOf(master: EventRecord, originalStartMs: number): EventInstance | undefined {
  const override = master.overrides.get(originalStartMs);
  if (override?.deleted) return undefined;
  const duration = master.endMs - master.startMs;
  const fields: EventFields = { ...master, startMs: originalStartMs, endMs: originalStartMs + duration, ...override?.fields };
  return { id: occurrenceIdOf(master.id, originalStartMs), type: override ? 'exception' : 'occurrence', seriesMasterId: master.id, originalStartMs, record: master, fields };
}

/** Original starts of a series' occurrences before `untilMs`, deleted ones included (expandRecurrence.ts). */
export function occurrenceStarts(master: EventRecord, untilMs: number): number[] {
  const all = expandSeries(master as EventRecord & { recurrence: RecurrenceRecord });
  if (untilMs === Number.POSITIVE_INFINITY) return all;
  const end = all.findIndex((start) => start >= untilMs);
  return end < 0 ? all : all.slice(0, end);
}
