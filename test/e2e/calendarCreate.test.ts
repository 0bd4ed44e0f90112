import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { eventHashPropertyId, eventKeyPropertyId } from '../../shared/commands/calendar/eventStamp';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * calendar/create (issue 18) against the simulator: one event per clientEventId whatever happens to the
 * answers (lost after the POST, 504 after Graph acted, two identical requests at once under both
 * `eventDuplicateTransactionIdError` settings, a repeat after success), one invitation per attendee,
 * the key reused 409, times in the event's zone, the 400s before anything is sent.
 */
let stack: Stack;
let bob: string;
const calls = (operation: string) => stack.sim.state.stats.byOperation[operation] ?? 0;
const call = (body: unknown) => stack.call('calendar/create', body, bob);
const bobsEvents = (subject: string) => stack.sim.state.calendar('bob@contoso.test')!.events().filter((e: any) => e.subject === subject) as any[];
const alicesEvents = (subject: string) => stack.sim.state.calendar('alice@contoso.test')!.events().filter((e: any) => e.subject === subject) as any[];
const invitations = (subject: string) => stack.sim.state.mailbox('alice@contoso.test')!.messages('inbox').filter((m) => m.subject === subject);
const meeting = (clientEventId: string, subject: string) => ({
  clientEventId,
  subject,
  start: '2031-03-10T09:00:00+01:00',
  end: '2031-03-10T10:00:00+01:00',
  timeZone: 'Europe/Berlin',
  attendees: [{ address: 'alice@contoso.test', name: 'Alice Smith' }],
  body: { contentType: 'text', content: 'Agenda' },
  reminderMinutes: 10,
});

beforeAll(async () => {
  stack = await startStack();
  bob = await stack.token('bob@contoso.test');
  requestRecorder.start();
});
afterAll(async () => {
  const summary = ferryRequestSummary(requestRecorder.entries());
  requestRecorder.stop();
  await stack.close();
  expect(summary.problems).toEqual([]);
});
afterEach(() => {
  stack.sim.state.setFlags({ eventDuplicateTransactionIdError: false });
  stack.sim.state.setLatencySchedule(undefined);
});

describe('calendar/create', () => {
  it('creates the meeting in its zone, stamped; one invitation; a repeat answers the same event and sends nothing; other content 409', async () => {
    const request = meeting('create-1', 'Create once');
    const first = await call(request);
    expect(first.status).toBe(200);
    expect(first.body.event).toMatchObject({ subject: 'Create once', start: '2031-03-10T09:00:00+01:00', end: '2031-03-10T10:00:00+01:00', startZone: 'Europe/Berlin', isOrganizer: true, reminderMinutes: 10 });
    expect(first.body.event.attendees.map((a: any) => a.address)).toEqual(['alice@contoso.test']);
    const [made] = bobsEvents('Create once');
    expect(made.transactionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const creates = calls('events.create');
    const repeat = await call(request);
    expect(repeat.body.event.id).toBe(first.body.event.id);
    expect(calls('events.create')).toBe(creates);
    const other = await call({ ...request, subject: 'Create other' });
    expect([other.status, other.body.code]).toEqual([409, 'idempotency_key_reused']);
    await stack.sim.state.deliveriesSettled();
    expect(bobsEvents('Create once')).toHaveLength(1);
    expect(bobsEvents('Create other')).toHaveLength(0);
    expect(alicesEvents('Create once')).toHaveLength(1);
    expect(invitations('Create once')).toHaveLength(1);
  });

  it('an all-day event takes dates; a timed one with dates, an end before its start, an unknown zone are 400 with no POST', async () => {
    const allDay = await call({ clientEventId: 'create-allday', subject: 'Create all day', start: '2031-04-01', end: '2031-04-03', allDay: true, timeZone: 'Europe/Berlin' });
    expect(allDay.body.event).toMatchObject({ allDay: true, startDate: '2031-04-01', endDate: '2031-04-03' });
    const creates = calls('events.create');
    for (const bad of [
      { start: '2031-04-01', end: '2031-04-02' },
      { start: '2031-04-01T10:00:00Z', end: '2031-04-01T09:00:00Z' },
      { timeZone: 'Mars/Olympus' },
    ]) {
      const answer = await call({ ...meeting(`create-bad-${Object.keys(bad).join()}`, 'Create bad'), ...bad });
      expect([answer.status, answer.body.code]).toEqual([400, 'bad_request']);
    }
    expect(calls('events.create')).toBe(creates);
  });

  it.each([
    ['answer lost (failNext answerLost)', 'failNext'],
    ['504 after Graph acted (throttleNext afterApply)', 'throttle'],
  ] as const)('%s: the look-up finds the event; one POST, one event, one invitation', async (_, fault) => {
    const subject = `Create lost ${fault}`;
    const creates = calls('events.create');
    if (fault === 'failNext') stack.sim.state.failNext({ operation: 'events.create', kind: 'answerLost' });
    else stack.sim.state.throttleNext({ status: 504, operation: 'events.create', afterApply: true });
    const answer = await call(meeting(`lost-${fault}`, subject));
    expect(answer.status).toBe(200);
    expect(calls('events.create') - creates).toBe(1);
    const repeat = await call(meeting(`lost-${fault}`, subject));
    expect(repeat.body.event.id).toBe(answer.body.event.id);
    await stack.sim.state.deliveriesSettled();
    expect(bobsEvents(subject).map((e) => e.id)).toEqual([answer.body.event.id]);
    expect(invitations(subject)).toHaveLength(1);
  });

  it.each([false, true])('two identical creates at once: one event, one invitation (eventDuplicateTransactionIdError: %s)', async (asError) => {
    stack.sim.state.setFlags({ eventDuplicateTransactionIdError: asError });
    // Both look-ups find nothing before either POST runs; the second POST meets the first's transactionId.
    stack.sim.state.setLatencySchedule([{ operation: 'events.create', delaysInMs: [0, 300] }]);
    const subject = `Create twice ${asError}`;
    const request = meeting(`twice-${asError}`, subject);
    const creates = calls('events.create');
    const [a, b] = await Promise.all([call(request), call(request)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Both POSTs reached Graph: transactionId (or, as an error, the look-up after it) kept it to one event.
    expect(calls('events.create') - creates).toBe(2);
    expect(a.body.event.id).toBe(b.body.event.id);
    await stack.sim.state.deliveriesSettled();
    expect(bobsEvents(subject)).toHaveLength(1);
    expect(invitations(subject)).toHaveLength(1);
  });

  it('the stamp is two named properties in Ferry\'s namespace', () => {
    expect([eventKeyPropertyId, eventHashPropertyId]).toEqual([
      'String {b6d2a1f4-3c5e-4e8a-9f17-0a2c4e6b8d31} Name FerryEventKey',
      'String {b6d2a1f4-3c5e-4e8a-9f17-0a2c4e6b8d31} Name FerryEventRequest',
    ]);
  });
});
