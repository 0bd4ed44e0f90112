import { answerStatus, deviceRuleFor, deviceTimings, type DeviceAction } from '../../shared/protocol/deviceRules';
import type { ErrorCode } from '../../shared/protocol/errorCodes';
import { contactsFoldersResponse, contactsSyncResponse, type Contact, type ContactFolder } from '../../shared/protocol/schemas/contacts';
import { foldersSyncResponse, type Folder } from '../../shared/protocol/schemas/folders';
import { mailSyncResponse, type BodyPreference, type Message } from '../../shared/protocol/schemas/mail';
import { bulkResponse, type ItemResult } from '../../shared/protocol/schemas/mailActions';
import { mailSearchResponse, type SearchMessage } from '../../shared/protocol/schemas/search';
import { calendarSyncResponse, type Event } from '../../shared/protocol/schemas/calendar';
import { SyncReplica, type SyncAnswer } from './syncReplica';

/**
 * The reference device: a phone app that follows docs/device-api.md and nothing else. Every answer goes
 * through the device rule table (shared/protocol/deviceRules.ts) and the device does exactly what its
 * rule says, with every wait multiplied by `timeScale` (0.005 in tests: a 1 s Retry-After is 5 ms).
 * It keeps its copies of the collections in SyncReplica objects.
 */

/** One HTTP answer (or the lack of one) as the device saw it, for assertions. */
export interface AnswerRecord {
  command: string;
  status: number | 'none';
  code?: string;
  contentType: string | null;
  retryAfterHeader: string | null;
  retryAfterField?: unknown;
  durationInMs: number;
  /** Ferry's `Server-Timing` header (null when absent or there was no answer). */
  serverTimingHeader?: string | null;
  /** Ferry answered, but the device dropped the answer (`loseNextAnswer`) and acted as on no answer. */
  lost?: boolean;
}

/** A sync answer the device applied: folders, the mail of one folder, contact folders, the contacts of one contact folder, or the calendar. */
export type SyncAnswerRecord =
  | { collection: 'folders'; answer: SyncAnswer<Folder> }
  | { collection: 'mail'; folderId: string; answer: SyncAnswer<Message> }
  | { collection: 'contactFolders'; answer: SyncAnswer<ContactFolder> }
  | { collection: 'contacts'; folderId: string; answer: SyncAnswer<Contact> }
  | { collection: 'calendar'; answer: SyncAnswer<Event> };

/** The calendar's window and zone, fixed when the collection starts (calendar/sync seals them with the state). */
export interface CalendarWindowChoice {
  start: string;
  end: string;
  timeZone?: string;
}

export interface ReferenceDeviceOptions {
  /** The Functions host, e.g. `http://127.0.0.1:PORT` (commands under `/api/v1/`). */
  hostUrl: string;
  /** A device token; `fresh` after `unauthorized`. */
  getToken(fresh: boolean): Promise<string>;
  /** Factor applied to every wait of the device rules. Default 1. */
  timeScale?: number;
  /** Source of backoff jitter, in [0, 1). Default Math.random. */
  random?: () => number;
  /** Every answer, as it arrives. */
  onAnswer?(record: AnswerRecord): void;
  /** Every sync answer, after the device applied it (per-answer assertions: reset, size, order). */
  onSyncAnswer?(record: SyncAnswerRecord): void;
  /** Past this, a call counts as "no answer" (real milliseconds). Default 30,000. */
  callTimeoutInMs?: number;
  /** Safety net for tests: requests of one logical command at most (the rules themselves loop). Default 60. */
  maxRequestsPerCommand?: number;
}

/** What a bulk command (mail/update, mail/move, mail/delete) came to, id by id, after the per-item rule. */
export interface BulkOutcome {
  /** The command's answer ended it (e.g. `drop_collection` for an unknown destination): no id was done. */
  stop?: Extract<CommandResult<unknown>, { kind: 'stop' }>;
  /** Each id's last result (`ok`, `not_found` dropped, or `failed` the device gave up on or would show). */
  results: Map<string, ItemResult>;
  /** The ids sent in each request, in order (the first is the whole list). */
  rounds: string[][];
}

/** Actions that send a failed id again (the others end it: dropped, shown, reported). */
const repeatedItemActions = new Set<DeviceAction>(['wait_retry_after', 'backoff', 'repeat_same']);

/** The device stopped and would tell the user (or report a bug): the rule's action says which. */
export class DeviceStopped extends Error {
  constructor(
    readonly command: string,
    readonly action: DeviceAction | 'unknown_answer' | 'too_many_requests',
    readonly status: number | 'none',
    readonly code: string | undefined,
  ) {
    super(`${command}: device stopped (${action}) on ${status} ${code ?? ''}`.trim());
    this.name = 'DeviceStopped';
  }
}

/** A command's final answer: a 2xx, or an answer whose rule ends the request (the caller acts on it). */
export type CommandResult<T> = { kind: 'ok'; status: number; body: T } | { kind: 'stop'; action: DeviceAction; status: number; code: string };

/** Actions that end a request and hand the decision back to the caller (a sync loop, an outbox, the user). */
const handedBack = new Set<DeviceAction>(['restart_collection', 'search_again', 'restart_upload', 'drop_collection', 'drop_item', 'download_without_range', 'refresh_item']);

export class ReferenceDevice {
  readonly folders = new SyncReplica<Folder>();
  /** One collection per mail folder the device syncs, with the body preference its state was started with. */
  readonly mail = new Map<string, { replica: SyncReplica<Message>; body: BodyPreference }>();
  /** The contact folder tree (contacts/folders), the default folder included. */
  readonly contactFolders = new SyncReplica<ContactFolder>();
  /** One collection per contact folder the device syncs (contacts/sync: one state per folder). */
  readonly contacts = new Map<string, SyncReplica<Contact>>();
  /** The primary calendar over one window (calendar/sync); the window of the current state. */
  readonly calendar = new SyncReplica<Event>();
  calendarWindow: CalendarWindowChoice | undefined;
  private readonly timeScale: number;
  private readonly random: () => number;
  private token: Promise<string> | undefined;
  private answersToLose = 0;

  constructor(private readonly options: ReferenceDeviceOptions) {
    this.timeScale = options.timeScale ?? 1;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends one command and follows the rule table until an answer ends it: returns a 2xx (`pending`
   * included only for `poll_send`, which it follows) or an answer handed back to the caller; throws
   * DeviceStopped where the device would tell the user or report a bug.
   */
  async command<T = unknown>(command: string, body: Record<string, unknown>): Promise<CommandResult<T>> {
    let backoffTries = 0;
    let refreshed = 0;
    let pendingSince: number | undefined;
    let current = body;
    const max = this.options.maxRequestsPerCommand ?? 60;
    for (let request = 1; ; request++) {
      if (request > max) throw new DeviceStopped(command, 'too_many_requests', 'none', undefined);
      const startedAt = Date.now();
      const answer = await this.post(command, current);
      const rule = deviceRuleFor(answer.status, answer.code);
      if (!rule) throw new DeviceStopped(command, 'unknown_answer', answer.status, answer.code);
      switch (rule.action) {
        case 'apply':
          return { kind: 'ok', status: answer.status as number, body: answer.body as T };
        case 'wait_retry_after':
          await this.wait(readRetryAfterInSeconds(answer.retryAfter) ?? 1);
          continue;
        case 'backoff':
          if (++backoffTries >= deviceTimings.backoffTries) throw new DeviceStopped(command, 'backoff', answer.status, answer.code);
          await this.wait(this.random() * Math.min(deviceTimings.backoffMaxInSeconds, deviceTimings.backoffFirstInSeconds * 2 ** (backoffTries - 1)));
          continue;
        case 'repeat_same':
          // mail/send is repeated after an answer (Ferry's send fence is released) or, after no answer,
          // once the fence of the try that may still be running has surely passed.
          if (command === 'mail/send' && answer.status === 'none') await this.wait(deviceTimings.sendRepeatAfterInSeconds, startedAt);
          continue;
        case 'poll_send':
          pendingSince ??= startedAt;
          if (Date.now() - pendingSince > deviceTimings.pendingGiveUpInSeconds * 1000 * this.timeScale) {
            throw new DeviceStopped(command, 'poll_send', answer.status, answer.code);
          }
          await this.wait(readRetryAfterInSeconds(answer.retryAfter) ?? 1);
          current = { draftId: body.draftId };
          command = 'mail/send';
          continue;
        case 'refresh_token':
          if (refreshed++ >= deviceTimings.unauthorizedRetries) throw new DeviceStopped(command, 'refresh_token', answer.status, answer.code);
          this.token = this.options.getToken(true);
          continue;
        default:
          if (handedBack.has(rule.action)) return { kind: 'stop', action: rule.action, status: answer.status as number, code: answer.code ?? '' };
          throw new DeviceStopped(command, rule.action, answer.status, answer.code);
      }
    }
  }

  /**
   * The next answer Ferry sends is lost on its way to the app (a phone going through a tunnel after
   * Ferry answered): the device sees no answer and repeats the same body, as the rule table says, so a
   * sync repeats its previous state although Ferry already moved the round on.
   */
  loseNextAnswer(): void {
    this.answersToLose++;
  }

  /** One folders/sync call, applied. Returns the answer, or undefined when the collection restarted. */
  async syncFoldersOnce(): Promise<SyncAnswer<Folder> | undefined> {
    this.folders.beginCall();
    const result = await this.command('folders/sync', this.folders.state ? { state: this.folders.state } : {});
    if (result.kind === 'stop') return this.handBack(result, () => this.folders.forgetState());
    const answer = foldersSyncResponse.parse(result.body) as SyncAnswer<Folder>;
    this.folders.apply(answer);
    this.options.onSyncAnswer?.({ collection: 'folders', answer });
    return answer;
  }

  /**
   * folders/sync until `more: false`, and once more when a change notice arrived after the round
   * began; returns the calls made. Throws past `maxCalls`.
   */
  async syncFolders(maxCalls = 20): Promise<number> {
    for (let call = 1; call <= maxCalls; call++) {
      await this.syncFoldersOnce();
      if (this.folders.upToDate) return call;
    }
    throw new Error(`folders/sync did not reach more: false in ${maxCalls} calls`);
  }

  /**
   * A change notice for the whole mailbox (what a push from Graph's change notifications tells the
   * app): every collection syncs again, after the round in progress if there is one.
   */
  noticeMailboxChanged(): void {
    this.folders.notice();
    for (const { replica } of this.mail.values()) replica.notice();
    this.contactFolders.notice();
    for (const replica of this.contacts.values()) replica.notice();
    this.calendar.notice();
  }

  /** One contacts/folders call, applied. Returns the answer, or undefined when the collection restarted. */
  async syncContactFoldersOnce(): Promise<SyncAnswer<ContactFolder> | undefined> {
    this.contactFolders.beginCall();
    const result = await this.command('contacts/folders', this.contactFolders.state ? { state: this.contactFolders.state } : {});
    if (result.kind === 'stop') return this.handBack(result, () => this.contactFolders.forgetState());
    const answer = contactsFoldersResponse.parse(result.body) as SyncAnswer<ContactFolder>;
    this.contactFolders.apply(answer);
    this.options.onSyncAnswer?.({ collection: 'contactFolders', answer });
    return answer;
  }

  /** contacts/folders until `more: false`, and once more after a notice that came after the round began; returns the calls made. */
  async syncContactFolders(maxCalls = 20): Promise<number> {
    for (let call = 1; call <= maxCalls; call++) {
      await this.syncContactFoldersOnce();
      if (this.contactFolders.upToDate) return call;
    }
    throw new Error(`contacts/folders did not reach more: false in ${maxCalls} calls`);
  }

  /**
   * One contacts/sync call for a contact folder, applied. `folder_not_found` drops that folder's
   * collection and runs contacts/folders, as its rule says.
   */
  async syncContactsOnce(folderId: string, options: { window?: number } = {}): Promise<SyncAnswer<Contact> | undefined> {
    let replica = this.contacts.get(folderId);
    if (!replica) {
      replica = new SyncReplica<Contact>();
      this.contacts.set(folderId, replica);
    }
    replica.beginCall();
    const result = await this.command('contacts/sync', withoutUndefined({ folderId, state: replica.state, window: options.window }));
    if (result.kind === 'stop') {
      if (result.action === 'drop_collection') {
        this.contacts.delete(folderId);
        await this.syncContactFolders();
        return undefined;
      }
      return this.handBack(result, () => replica.forgetState());
    }
    const answer = contactsSyncResponse.parse(result.body) as SyncAnswer<Contact>;
    replica.apply(answer);
    this.options.onSyncAnswer?.({ collection: 'contacts', folderId, answer });
    return answer;
  }

  /** contacts/sync of one folder until `more: false` (and after a later notice); returns the calls made, or 0 when the folder is gone. */
  async syncContacts(folderId: string, options: { window?: number; maxCalls?: number } = {}): Promise<number> {
    const maxCalls = options.maxCalls ?? 20;
    for (let call = 1; call <= maxCalls; call++) {
      const answer = await this.syncContactsOnce(folderId, options);
      if (!this.contacts.has(folderId)) return 0;
      if (answer && this.contacts.get(folderId)!.upToDate) return call;
    }
    throw new Error(`contacts/sync did not reach more: false in ${maxCalls} calls`);
  }

  /**
   * Everything contacts: the folder tree, then every folder of it (collections of folders no longer in
   * the tree dropped); returns the calls made.
   */
  async syncAllContacts(options: { window?: number; maxCalls?: number } = {}): Promise<number> {
    const dropGone = () => {
      for (const folderId of [...this.contacts.keys()]) if (!this.contactFolders.items.has(folderId)) this.contacts.delete(folderId);
    };
    let calls = await this.syncContactFolders(options.maxCalls);
    dropGone();
    // A folder_not_found on the way syncs the tree again (live: folders it adds are synced too).
    for (const folderId of this.contactFolders.items.keys()) calls += await this.syncContacts(folderId, options);
    dropGone();
    return calls;
  }

  /**
   * One calendar/sync call, applied. The window and zone are sent without a state (a first call, or
   * after `sync_state_invalid`) and never with one; a new `choice` is a new sync (the old state is
   * dropped, the copy kept until the reset round ends). Returns undefined when the collection restarted.
   */
  async syncCalendarOnce(choice?: CalendarWindowChoice, options: { window?: number } = {}): Promise<SyncAnswer<Event> | undefined> {
    if (choice && JSON.stringify(choice) !== JSON.stringify(this.calendarWindow)) {
      this.calendarWindow = choice;
      this.calendar.forgetState();
    }
    const setup = this.calendarWindow;
    if (!setup) throw new Error('syncCalendarOnce: the first call names the window');
    this.calendar.beginCall();
    const request = this.calendar.state ? { state: this.calendar.state, window: options.window } : { ...setup, window: options.window };
    const result = await this.command('calendar/sync', withoutUndefined(request));
    if (result.kind === 'stop') return this.handBack(result, () => this.calendar.forgetState());
    const answer = calendarSyncResponse.parse(result.body) as SyncAnswer<Event>;
    this.calendar.apply(answer);
    this.options.onSyncAnswer?.({ collection: 'calendar', answer });
    return answer;
  }

  /** calendar/sync until `more: false`, and once more when a change notice arrived after the round began; returns the calls made. */
  async syncCalendar(choice?: CalendarWindowChoice, options: { window?: number; maxCalls?: number } = {}): Promise<number> {
    const maxCalls = options.maxCalls ?? 20;
    for (let call = 1; call <= maxCalls; call++) {
      await this.syncCalendarOnce(call === 1 ? choice : undefined, options);
      if (this.calendar.upToDate) return call;
    }
    throw new Error(`calendar/sync did not reach more: false in ${maxCalls} calls`);
  }

  /**
   * One mail/sync call for a folder, applied. The body preference is fixed when the collection starts
   * (a state keeps it); `window` may change at every call. `folder_not_found` drops the collection and
   * runs folders/sync, as the rule says. `since` limits a first round (sent only without a state).
   */
  async syncMailOnce(folderId: string, options: { window?: number; body?: BodyPreference; since?: string } = {}): Promise<SyncAnswer<Message> | undefined> {
    let collection = this.mail.get(folderId);
    if (!collection) {
      collection = { replica: new SyncReplica<Message>(), body: options.body ?? { type: 'none' } };
      this.mail.set(folderId, collection);
    }
    const { replica, body } = collection;
    replica.beginCall();
    const request = replica.state ? { folderId, state: replica.state, window: options.window, body } : { folderId, since: options.since, window: options.window, body };
    const result = await this.command('mail/sync', withoutUndefined(request));
    if (result.kind === 'stop') {
      if (result.action === 'drop_collection') {
        this.mail.delete(folderId);
        await this.syncFolders();
        return undefined;
      }
      return this.handBack(result, () => replica.forgetState());
    }
    const answer = mailSyncResponse.parse(result.body) as SyncAnswer<Message>;
    replica.apply(answer);
    this.options.onSyncAnswer?.({ collection: 'mail', folderId, answer });
    return answer;
  }

  /**
   * mail/sync until `more: false`, and once more when a change notice arrived after the round began;
   * returns the calls made, or 0 when the folder is gone. Throws past `maxCalls`.
   */
  async syncMail(folderId: string, options: { window?: number; body?: BodyPreference; since?: string; maxCalls?: number } = {}): Promise<number> {
    const maxCalls = options.maxCalls ?? 20;
    for (let call = 1; call <= maxCalls; call++) {
      const answer = await this.syncMailOnce(folderId, options);
      if (!this.mail.has(folderId)) return 0;
      if (answer && this.mail.get(folderId)!.replica.upToDate) return call;
    }
    throw new Error(`mail/sync did not reach more: false in ${maxCalls} calls`);
  }

  /**
   * A bulk command and the per-item rule of docs/device-api.md: `ok` done; `not_found` dropped;
   * `failed` follows its code's rule for that id alone: `throttled`/`upstream_unavailable` (wait
   * `retryAfter`) and the other repeating rules send those ids again, in one request with the same
   * other fields, up to `maxRounds` requests; any other rule ends the id.
   */
  async bulk(command: 'mail/update' | 'mail/move' | 'mail/delete', body: { ids: string[] } & Record<string, unknown>, maxRounds = 6): Promise<BulkOutcome> {
    const results = new Map<string, ItemResult>();
    const rounds: string[][] = [];
    let ids = body.ids;
    for (let round = 1; ids.length > 0; round++) {
      rounds.push(ids);
      const answer = await this.command(command, { ...body, ids });
      if (answer.kind === 'stop') return { stop: answer, results, rounds };
      const { results: items } = bulkResponse.parse(answer.body);
      if (items.length !== ids.length || items.some((item, index) => item.id !== ids[index])) throw new DeviceStopped(command, 'report_bug', answer.status, 'results_out_of_order');
      let waitInSeconds = 0;
      const again: string[] = [];
      for (const item of items) {
        results.set(item.id, item);
        if (item.status !== 'failed') continue;
        const rule = item.code === undefined ? undefined : deviceRuleFor(answerStatus(item.code as ErrorCode) as number, item.code);
        if (!rule || !repeatedItemActions.has(rule.action)) continue;
        again.push(item.id);
        const seconds =
          rule.action === 'backoff' ? this.random() * Math.min(deviceTimings.backoffMaxInSeconds, deviceTimings.backoffFirstInSeconds * 2 ** (round - 1)) : rule.action === 'repeat_same' ? 0 : Math.min(item.retryAfter ?? 1, deviceTimings.maxRetryAfterInSeconds);
        waitInSeconds = Math.max(waitInSeconds, seconds);
      }
      if (again.length === 0 || round >= maxRounds) break;
      await this.wait(waitInSeconds);
      ids = again;
    }
    return { results, rounds };
  }

  /**
   * A search and its pages: `mail/search` with the criteria, then with each answer's cursor, until an
   * answer without one or `maxPages`. `search_state_invalid` follows its rule (`search_again`): the
   * results held are dropped and the search starts again without a cursor, once; a second time stops.
   * `cursor` starts from a cursor kept from earlier (one that may have expired meanwhile).
   */
  async search(criteria: Record<string, unknown>, options: { maxPages?: number; cursor?: string } = {}): Promise<{ messages: SearchMessage[]; pages: number; searchedAgain: number }> {
    const maxPages = options.maxPages ?? 20;
    let messages: SearchMessage[] = [];
    let cursor = options.cursor;
    let searchedAgain = 0;
    let pages = 0;
    while (pages < maxPages) {
      const result = await this.command('mail/search', withoutUndefined({ ...criteria, cursor }));
      if (result.kind === 'stop') {
        if (result.action !== 'search_again' || searchedAgain++ > 0) throw new DeviceStopped('mail/search', result.action, result.status, result.code);
        messages = [];
        cursor = undefined;
        continue;
      }
      const answer = mailSearchResponse.parse(result.body);
      messages.push(...(answer.messages as SearchMessage[]));
      pages++;
      if (answer.cursor === undefined) break;
      cursor = answer.cursor;
    }
    return { messages, pages, searchedAgain };
  }

  private handBack(result: Extract<CommandResult<unknown>, { kind: 'stop' }>, restart: () => void): undefined {
    if (result.action !== 'restart_collection') throw new DeviceStopped('sync', result.action, result.status, result.code);
    restart();
    return undefined;
  }

  private async post(command: string, body: unknown): Promise<{ status: number | 'none'; code?: string; retryAfter?: string | null; body?: unknown }> {
    this.token ??= this.options.getToken(false);
    const token = await this.token;
    const startedAt = Date.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.options.hostUrl}/api/v1/${command}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.callTimeoutInMs ?? 30_000),
      });
      text = await response.text();
    } catch {
      this.options.onAnswer?.({ command, status: 'none', contentType: null, retryAfterHeader: null, durationInMs: Date.now() - startedAt });
      return { status: 'none' };
    }
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const code = response.status >= 200 && response.status <= 299 && response.status !== 202 ? undefined : (parsed?.code as string | undefined);
    const lost = this.answersToLose > 0;
    if (lost) this.answersToLose--;
    this.options.onAnswer?.({
      command,
      status: response.status,
      code,
      contentType: response.headers.get('content-type'),
      retryAfterHeader: response.headers.get('retry-after'),
      retryAfterField: parsed?.retryAfter,
      durationInMs: Date.now() - startedAt,
      serverTimingHeader: response.headers.get('server-timing'),
      ...(lost ? { lost } : {}),
    });
    if (lost) return { status: 'none' };
    return { status: response.status, code, retryAfter: response.headers.get('retry-after'), body: parsed };
  }

  /** Waits `seconds` scaled, counted from `since` (default now). */
  private async wait(seconds: number, since = Date.now()): Promise<void> {
    const remaining = since + seconds * 1000 * this.timeScale - Date.now();
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
  }
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), capped as the rules say; undefined when absent or unreadable. */
export function readRetryAfterInSeconds(value: string | null | undefined, nowInMs = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const at = Date.parse(trimmed);
    if (!Number.isFinite(at)) return undefined;
    seconds = Math.max(0, (at - nowInMs) / 1000);
  }
  return Math.min(seconds, deviceTimings.maxRetryAfterInSeconds);
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
