import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { calendarListResponse, freeBusyResponse } from '../../shared/protocol/schemas/calendars';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { assertNoMailboxContent } from '../helpers/mailboxContent';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * calendar/list and calendar/freebusy over the whole stack (simulator contract:
 * test/contract/calendarsAndSchedule.test.ts): the calendars with their colours, bob's shared one
 * (owner bob, read only, not syncable); bob's free/busy seen by alice as status and times only (Graph
 * shows her his subjects and locations: they never leave Ferry); an unknown address as its own `error`;
 * the limits (20 addresses, 31 days, 5..1440 minutes) at and past each; no event content in the logs.
 */
const dayInMs = 24 * 3600 * 1000;
const hourInMs = 3600 * 1000;
const alice = 'alice@contoso.test';
const bob = 'bob@contoso.test';
const iso = (ms: number) => new Date(ms).toISOString();

describe('calendar/list and calendar/freebusy', () => {
  let stack: Stack;
  let token: string;
  /** Tomorrow, midnight UTC: bob's planted events lie in the day after. */
  const day = Math.floor(Date.now() / dayInMs) * dayInMs + dayInMs;
  const secret = { subject: 'Bob-only acquisition planning', location: 'Bob-only war room' };
  let bobEventId: string;
  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token(alice);
    bobEventId = stack.sim.state.simulateEventCreate(bob, { ...secret, start: iso(day + 10 * hourInMs), end: iso(day + 11 * hourInMs + 30 * 60_000) });
    stack.sim.state.simulateEventCreate(bob, { subject: 'Bob-only maybe', start: iso(day + 14 * hourInMs), end: iso(day + 15 * hourInMs), showAs: 'tentative' });
    requestRecorder.start();
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });
  const freeBusy = (body: Record<string, unknown>, as = token) => stack.call('calendar/freebusy', body, as);

  it("lists alice's calendars: the primary (syncable), a coloured one, bob's shared one read only", async () => {
    const answer = await stack.call('calendar/list', {}, token);
    expect(answer.status).toBe(200);
    const { calendars } = calendarListResponse.parse(answer.body);
    expect(calendars.map((c) => [c.name, c.color, c.hexColor, c.isDefault, c.canEdit, c.syncable, c.owner?.address])).toEqual([
      ['Calendar', 'auto', null, true, true, true, alice],
      ['Team', 'lightGreen', '#87d28e', false, true, false, alice],
      ['Bob Kelly', 'lightOrange', '#fcab73', false, false, false, bob],
    ]);
    // Defaults are left out on the wire: the shared calendar sends no isDefault, canEdit or syncable.
    expect(Object.keys(answer.body.calendars[2]).sort()).toEqual(['color', 'hexColor', 'id', 'name', 'owner']);
    const bobs = calendarListResponse.parse((await stack.call('calendar/list', {}, await stack.token(bob))).body).calendars;
    expect(bobs.map((c) => c.name)).toEqual(['Calendar', 'Team']);
    expect(bobs.map((c) => c.id)).not.toContain(calendars[0]!.id);
  });

  it("a share with write access is canEdit; bob's own list is his", async () => {
    stack.sim.state.simulateCalendarShare(bob, alice, { canEdit: true });
    try {
      const { calendars } = calendarListResponse.parse((await stack.call('calendar/list', {}, token)).body);
      expect(calendars.find((c) => c.owner?.address === bob)).toMatchObject({ canEdit: true, syncable: false });
    } finally {
      stack.sim.state.simulateCalendarShare(bob, alice, { canEdit: false });
    }
  });

  it("alice sees bob's free/busy as status and times in her zone, never his subject or location; an unknown address gets its own error", async () => {
    const answer = await freeBusy({ addresses: [bob, 'nobody@contoso.test', alice], start: iso(day), end: iso(day + dayInMs), timeZone: 'Asia/Kolkata', intervalMinutes: 60 });
    expect(answer.status).toBe(200);
    const { schedules } = freeBusyResponse.parse(answer.body);
    expect(schedules.map((s) => s.address)).toEqual([bob, 'nobody@contoso.test', alice]);
    const bobs = schedules[0]!;
    expect(bobs.error).toBeUndefined();
    const date = iso(day).slice(0, 10);
    // 10:00 UTC is 15:30 in Kolkata (UTC+05:30).
    expect(bobs.items).toEqual(expect.arrayContaining([
      { start: `${date}T15:30:00+05:30`, end: `${date}T17:00:00+05:30`, status: 'busy' },
      { start: `${date}T19:30:00+05:30`, end: `${date}T20:30:00+05:30`, status: 'tentative' },
    ]));
    expect(bobs.view).toHaveLength(24);
    expect(bobs.view.slice(10, 12)).toBe('22');
    expect(bobs.view[14]).toBe('1');
    expect(schedules[1]).toEqual({ address: 'nobody@contoso.test', items: [], view: '', error: { code: 'not_found' } });
    // Graph did send bob's subject and location to Ferry (he shares his calendar with alice); the device gets neither.
    const text = JSON.stringify(answer.body);
    for (const hidden of [secret.subject, secret.location, 'Bob-only maybe', bobEventId]) expect(text).not.toContain(hidden);
    expect(Object.keys(answer.body.schedules[0].items[0]).sort()).toEqual(['end', 'start', 'status']);
    const recorded = requestRecorder.entries().filter((r) => /getschedule$/i.test(r.path));
    expect(recorded.at(-1)).toMatchObject({ method: 'POST' });
    expect(ferryRequestSummary(requestRecorder.entries()).problems).toEqual([]);
  });

  it("bob's events never reach alice's calendar/sync or calendar/list answers", async () => {
    const sync = await stack.call('calendar/sync', { start: iso(day - dayInMs), end: iso(day + 2 * dayInMs) }, token);
    const list = await stack.call('calendar/list', {}, token);
    for (const answer of [sync, list]) {
      expect(answer.status).toBe(200);
      for (const hidden of [secret.subject, secret.location, bobEventId]) expect(JSON.stringify(answer.body)).not.toContain(hidden);
    }
  });

  describe('limits, at the limit and one past', () => {
    const window = (days: number, extraMs = 0) => ({ start: iso(day), end: iso(day + days * dayInMs + extraMs) });
    it('20 addresses pass, 21 and 0 are 400', async () => {
      const addresses = (n: number) => Array.from({ length: n }, (_, i) => `person${i}@contoso.test`);
      const at = await freeBusy({ addresses: addresses(20), ...window(1) });
      expect(at.status).toBe(200);
      expect(at.body.schedules).toHaveLength(20);
      expect((await freeBusy({ addresses: addresses(21), ...window(1) })).status).toBe(400);
      expect((await freeBusy({ addresses: [], ...window(1) })).status).toBe(400);
    });

    it('31 days pass, 31 days and 1 ms are 400, as is an end not after the start', async () => {
      expect((await freeBusy({ addresses: [bob], ...window(31) })).status).toBe(200);
      const past = await freeBusy({ addresses: [bob], ...window(31, 1) });
      expect([past.status, past.body.code]).toEqual([400, 'bad_request']);
      expect((await freeBusy({ addresses: [bob], start: iso(day), end: iso(day) })).status).toBe(400);
    });

    it('intervals of 5 and 1440 minutes pass, 4 and 1441 are 400; a bad zone is 400', async () => {
      const at5 = await freeBusy({ addresses: [bob], ...window(1), intervalMinutes: 5 });
      expect([at5.status, at5.body.schedules[0].view.length]).toEqual([200, 288]);
      const at1440 = await freeBusy({ addresses: [bob], ...window(1), intervalMinutes: 1440 });
      expect([at1440.status, at1440.body.schedules[0].view]).toEqual([200, '2']);
      expect((await freeBusy({ addresses: [bob], ...window(1), intervalMinutes: 4 })).status).toBe(400);
      expect((await freeBusy({ addresses: [bob], ...window(1), intervalMinutes: 1441 })).status).toBe(400);
      expect((await freeBusy({ addresses: [bob], ...window(1), timeZone: 'Mars/Olympus' })).status).toBe(400);
      expect((await freeBusy({ addresses: ['not an address'], ...window(1) })).status).toBe(400);
    });
  });

  it('logs hold no event content: subjects, locations, addresses', () => {
    expect(stack.logs.some((line) => line.includes('calendar.freebusy'))).toBe(true);
    assertNoMailboxContent(stack.logs, stack.sim, stack.secrets);
    expect(() => assertNoMailboxContent([...stack.logs, `{"x":${JSON.stringify(secret.location)}}`], stack.sim)).toThrow(/leak/);
  });
});
