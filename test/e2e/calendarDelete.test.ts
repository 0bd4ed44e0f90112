import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * calendar/delete (issue 18): the organizer of a meeting cancels it (the attendee's copy is cancelled,
 * one cancellation each, also after a lost answer); an event without attendees and a cancelled copy
 * are deleted; an attendee's live meeting is 409 use_respond unless silent; a repeat is 404 not_found
 * (done); scope series removes the whole series.
 */
let stack: Stack;
let alice: string;
let bob: string;
const calls = (operation: string) => stack.sim.state.stats.byOperation[operation] ?? 0;
const day = 24 * 3600 * 1000;
let slot = 0;
function invite(subject: string, recurrence?: boolean) {
  const start = Math.floor(Date.now() / day) * day + (6 + ++slot) * day + 10 * 3600 * 1000;
  return stack.sim.state.simulateInvitation('bob@contoso.test', 'alice@contoso.test', {
    subject,
    start: new Date(start).toISOString(),
    end: new Date(start + 3600 * 1000).toISOString(),
    ...(recurrence ? { recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: new Date(start).toISOString().slice(0, 10), numberOfOccurrences: 3 } } } : {}),
  });
}
const event = (user: string, id: string) => stack.sim.state.calendar(user)!.event(id) as any;
const cancellations = (subject: string) => stack.sim.state.mailbox('alice@contoso.test')!.messages('inbox').filter((m) => m.subject === `Canceled: ${subject}`);

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.token('alice@contoso.test');
  bob = await stack.token('bob@contoso.test');
  requestRecorder.start();
});
afterAll(async () => {
  const summary = ferryRequestSummary(requestRecorder.entries());
  requestRecorder.stop();
  await stack.close();
  expect(summary.problems).toEqual([]);
});

describe('calendar/delete', () => {
  it('the organizer cancels: gone from his calendar, the copy cancelled, one cancellation; a repeat is 404; then the attendee deletes the cancelled copy', async () => {
    const { organizerEventId, attendeeEventId } = invite('Delete cancel');
    const cancelled = await stack.call('calendar/delete', { id: organizerEventId, comment: 'Sorry' }, bob);
    expect([cancelled.status, cancelled.body]).toEqual([200, { status: 'cancelled' }]);
    expect(event('bob@contoso.test', organizerEventId)).toBeUndefined();
    const repeat = await stack.call('calendar/delete', { id: organizerEventId }, bob);
    expect([repeat.status, repeat.body.code]).toEqual([404, 'not_found']);
    await stack.sim.state.deliveriesSettled();
    expect(event('alice@contoso.test', attendeeEventId).isCancelled).toBe(true);
    expect(cancellations('Delete cancel')).toHaveLength(1);
    const gone = await stack.call('calendar/delete', { id: attendeeEventId }, alice);
    expect(gone.body).toEqual({ status: 'deleted' });
    expect(event('alice@contoso.test', attendeeEventId)).toBeUndefined();
  });

  it('an attendee\'s live meeting is 409 use_respond and stays; with silent it is deleted and nobody is told', async () => {
    const { organizerEventId, attendeeEventId } = invite('Delete attendee');
    const refused = await stack.call('calendar/delete', { id: attendeeEventId }, alice);
    expect([refused.status, refused.body.code]).toEqual([409, 'use_respond']);
    expect(event('alice@contoso.test', attendeeEventId)).toBeDefined();
    const silent = await stack.call('calendar/delete', { id: attendeeEventId, silent: true }, alice);
    expect(silent.body).toEqual({ status: 'deleted' });
    expect(event('alice@contoso.test', attendeeEventId)).toBeUndefined();
    expect(event('bob@contoso.test', organizerEventId).isCancelled).toBe(false);
  });

  it('an event without attendees is deleted', async () => {
    const created = await stack.call('calendar/create', { clientEventId: 'delete-plain', subject: 'Delete plain', start: '2031-06-01T09:00:00Z', end: '2031-06-01T10:00:00Z', timeZone: 'UTC' }, bob);
    const deleted = await stack.call('calendar/delete', { id: created.body.event.id }, bob);
    expect(deleted.body).toEqual({ status: 'deleted' });
    expect(event('bob@contoso.test', created.body.event.id)).toBeUndefined();
  });

  it.each([
    ['answer lost (failNext answerLost)', 'failNext'],
    ['504 after Graph acted (throttleNext afterApply)', 'throttle'],
  ] as const)('a cancel with %s: the look-up finds it gone; one cancel, one cancellation', async (_, fault) => {
    const subject = `Delete lost ${fault}`;
    const { organizerEventId } = invite(subject);
    const before = calls('events.cancel');
    if (fault === 'failNext') stack.sim.state.failNext({ operation: 'events.cancel', kind: 'answerLost' });
    else stack.sim.state.throttleNext({ status: 504, operation: 'events.cancel', afterApply: true });
    const answer = await stack.call('calendar/delete', { id: organizerEventId }, bob);
    expect(answer.body).toEqual({ status: 'cancelled' });
    expect(calls('events.cancel') - before).toBe(1);
    await stack.sim.state.deliveriesSettled();
    expect(cancellations(subject)).toHaveLength(1);
  });

  it('scope series cancels the whole series from an occurrence; scope occurrence only that one', async () => {
    const { organizerEventId } = invite('Delete series', true);
    const view = () => stack.sim.state.calendar('bob@contoso.test')!.view(new Date(Date.now()).toISOString(), new Date(Date.now() + 60 * day).toISOString()).filter((e: any) => e.seriesMasterId === organizerEventId) as any[];
    const [first, second] = view();
    expect((await stack.call('calendar/delete', { id: first.id }, bob)).body).toEqual({ status: 'cancelled' });
    expect(view().map((e) => e.id)).not.toContain(first.id);
    expect(view()).toHaveLength(2);
    expect((await stack.call('calendar/delete', { id: second.id, scope: 'series' }, bob)).body).toEqual({ status: 'cancelled' });
    expect(event('bob@contoso.test', organizerEventId)).toBeUndefined();
  });
});
