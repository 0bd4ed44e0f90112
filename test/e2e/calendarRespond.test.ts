import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * calendar/respond (issue 18) against the simulator: bob invites alice; her answers go through Graph's
 * accept / tentativelyAccept / decline (never a PATCH), one reply per answer reaches bob's Inbox and his
 * copy's attendee status; a repeat (same answer) sends nothing; a lost answer after the POST (504 after
 * Graph acted, failNext answerLost) is found by reading the event again: one reply; the proposedNewTime
 * rules are 400 with no POST; the organizer's own meeting is 409 not_allowed; scope series answers the
 * master, scope occurrence only that occurrence.
 */
let stack: Stack;
let alice: string;
const calls = (operation: string) => stack.sim.state.stats.byOperation[operation] ?? 0;
const answers = () => calls('events.accept') + calls('events.tentativelyAccept') + calls('events.decline');
const call = (route: string, body: unknown, token = alice) => stack.call(route, body, token);
const day = 24 * 3600 * 1000;
let slot = 0;

/** A fresh invitation from bob to alice, some days ahead; its ids in both calendars. */
function invite(subject: string, recurrence?: boolean): { organizerEventId: string; attendeeEventId: string } {
  const start = Math.floor(Date.now() / day) * day + (5 + ++slot) * day + 9 * 3600 * 1000;
  return stack.sim.state.simulateInvitation('bob@contoso.test', 'alice@contoso.test', {
    subject,
    start: new Date(start).toISOString(),
    end: new Date(start + 3600 * 1000).toISOString(),
    ...(recurrence ? { recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: new Date(start).toISOString().slice(0, 10), numberOfOccurrences: 5 } } } : {}),
  });
}
const aliceEvent = (id: string) => stack.sim.state.calendar('alice@contoso.test')!.event(id) as any;
const bobEvent = (id: string) => stack.sim.state.calendar('bob@contoso.test')!.event(id) as any;
const repliesTo = (subject: string) => stack.sim.state.mailbox('bob@contoso.test')!.messages('inbox').filter((m) => String(m.subject).endsWith(`: ${subject}`));

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.token('alice@contoso.test');
  requestRecorder.start();
});
afterAll(async () => {
  const summary = ferryRequestSummary(requestRecorder.entries());
  requestRecorder.stop();
  await stack.close();
  expect(summary.problems).toEqual([]);
});

describe('calendar/respond', () => {
  it('accepts: the attendee copy says accepted, one reply reaches bob and his copy; a repeat is unchanged and sends nothing', async () => {
    const { organizerEventId, attendeeEventId } = invite('Respond accept');
    const before = answers();
    const first = await call('calendar/respond', { id: attendeeEventId, response: 'accept', comment: 'See you' });
    expect([first.status, first.body]).toEqual([200, { status: 'responded' }]);
    expect(aliceEvent(attendeeEventId).responseStatus.response).toBe('accepted');
    const repeat = await call('calendar/respond', { id: attendeeEventId, response: 'accept', comment: 'See you' });
    expect([repeat.status, repeat.body]).toEqual([200, { status: 'unchanged' }]);
    expect(answers() - before).toBe(1);
    await stack.sim.state.deliveriesSettled();
    expect(repliesTo('Respond accept').map((m) => m.subject)).toEqual(['Accepted: Respond accept']);
    const mine = bobEvent(organizerEventId).attendees.find((a: any) => a.emailAddress.address === 'alice@contoso.test');
    expect(mine.status.response).toBe('accepted');
  });

  it('tentative then decline: each a new answer; sendResponse false tells bob nothing', async () => {
    const { attendeeEventId } = invite('Respond quiet');
    const tentative = await call('calendar/respond', { id: attendeeEventId, response: 'tentative', sendResponse: false });
    expect(tentative.body).toEqual({ status: 'responded' });
    expect(aliceEvent(attendeeEventId).responseStatus.response).toBe('tentativelyAccepted');
    const decline = await call('calendar/respond', { id: attendeeEventId, response: 'decline', sendResponse: false });
    expect(decline.body).toEqual({ status: 'responded' });
    expect(aliceEvent(attendeeEventId).responseStatus.response).toBe('declined');
    await stack.sim.state.deliveriesSettled();
    expect(repliesTo('Respond quiet')).toHaveLength(0);
  });

  it.each([
    ['accept with a proposal', { response: 'accept' }],
    ['a proposal without sendResponse', { response: 'tentative', sendResponse: false }],
    ['a proposal ending before it starts', { response: 'decline', end: true }],
  ] as const)('%s is 400 and sends nothing', async (_, variant) => {
    const { attendeeEventId } = invite(`Proposal ${_}`);
    const start = new Date(Date.now() + 10 * day).toISOString();
    const end = new Date(Date.now() + 10 * day + ('end' in variant ? -3600_000 : 3600_000)).toISOString();
    const before = answers();
    const { end: _end, ...rest } = variant as { end?: boolean };
    const answer = await call('calendar/respond', { id: attendeeEventId, ...rest, proposedNewTime: { start, end } });
    expect([answer.status, answer.body.code]).toEqual([400, 'bad_request']);
    expect(answers()).toBe(before);
  });

  it('a tentative answer with a proposal is sent once, with the proposal', async () => {
    const { attendeeEventId } = invite('Respond propose');
    const start = new Date(Date.now() + 10 * day).toISOString();
    const end = new Date(Date.now() + 10 * day + 3600_000).toISOString();
    const before = calls('events.tentativelyAccept');
    const answer = await call('calendar/respond', { id: attendeeEventId, response: 'tentative', proposedNewTime: { start, end } });
    expect(answer.body).toEqual({ status: 'responded' });
    expect(calls('events.tentativelyAccept') - before).toBe(1);
    expect(aliceEvent(attendeeEventId).responseStatus.response).toBe('tentativelyAccepted');
  });

  it("the organizer's own meeting is 409 not_allowed; an unknown id 404", async () => {
    const { organizerEventId } = invite('Respond organizer');
    const bob = await stack.token('bob@contoso.test');
    const own = await call('calendar/respond', { id: organizerEventId, response: 'accept' }, bob);
    expect([own.status, own.body.code]).toEqual([409, 'not_allowed']);
    const { attendeeEventId } = invite('Respond gone');
    stack.sim.state.simulateEventDelete('alice@contoso.test', attendeeEventId);
    const gone = await call('calendar/respond', { id: attendeeEventId, response: 'accept' });
    expect([gone.status, gone.body.code]).toEqual([404, 'not_found']);
  });

  it.each([
    ['answer lost (failNext answerLost)', 'failNext'],
    ['504 after Graph acted (throttleNext afterApply)', 'throttle'],
  ] as const)('%s: the look-up finds the answer; one POST, one reply', async (_, fault) => {
    const subject = `Respond lost ${fault}`;
    const { attendeeEventId } = invite(subject);
    const before = calls('events.accept');
    if (fault === 'failNext') stack.sim.state.failNext({ operation: 'events.accept', kind: 'answerLost' });
    else stack.sim.state.throttleNext({ status: 504, operation: 'events.accept', afterApply: true });
    const answer = await call('calendar/respond', { id: attendeeEventId, response: 'accept' });
    expect([answer.status, answer.body]).toEqual([200, { status: 'responded' }]);
    const repeat = await call('calendar/respond', { id: attendeeEventId, response: 'accept' });
    expect(repeat.body).toEqual({ status: 'unchanged' });
    expect(calls('events.accept') - before).toBe(1);
    await stack.sim.state.deliveriesSettled();
    expect(repliesTo(subject)).toHaveLength(1);
  });

  it('refused before Graph acted (failNext refused): outcome_unknown, nothing done; the repeat answers once', async () => {
    const subject = 'Respond refused';
    const { attendeeEventId } = invite(subject);
    stack.sim.state.failNext({ operation: 'events.accept', kind: 'refused' });
    const first = await call('calendar/respond', { id: attendeeEventId, response: 'accept' });
    // Refused before acting: the look-up finds no answer, so the device hears outcome_unknown and repeats.
    expect([first.status, first.body.code]).toEqual([502, 'outcome_unknown']);
    const repeat = await call('calendar/respond', { id: attendeeEventId, response: 'accept' });
    expect(repeat.body).toEqual({ status: 'responded' });
    await stack.sim.state.deliveriesSettled();
    expect(repliesTo(subject)).toHaveLength(1);
  });

  it('scope occurrence answers that occurrence only; scope series answers the master (and so the others)', async () => {
    const { attendeeEventId: masterId } = invite('Respond series', true);
    const view = stack.sim.state.calendar('alice@contoso.test')!;
    const occurrences = () => view.view(new Date(Date.now()).toISOString(), new Date(Date.now() + 60 * day).toISOString()).filter((e: any) => e.seriesMasterId === masterId) as any[];
    const [first, second] = occurrences();
    const one = await call('calendar/respond', { id: first.id, response: 'decline', sendResponse: false });
    expect(one.body).toEqual({ status: 'responded' });
    expect(occurrences().map((e) => e.responseStatus.response)).toEqual(['declined', 'notResponded', 'notResponded', 'notResponded', 'notResponded']);
    const all = await call('calendar/respond', { id: second.id, response: 'accept', scope: 'series', sendResponse: false });
    expect(all.body).toEqual({ status: 'responded' });
    expect(aliceEvent(masterId).responseStatus.response).toBe('accepted');
    // UNVERIFIED (simulator): the series' answer overrides an occurrence's own.
    expect(occurrences().every((e) => e.responseStatus.response === 'accepted')).toBe(true);
  });
});
