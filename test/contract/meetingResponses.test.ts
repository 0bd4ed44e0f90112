import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventAnswerRequest } from '../../shared/graph/requests/calendarRequests';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The simulator's meeting answers against Microsoft's documentation, each sample posted verbatim
 * (test/fixtures/graph-samples/event-*-request.json with their .source.txt):
 * - https://learn.microsoft.com/en-us/graph/api/event-accept: "POST /me/events/{id}/accept"; body
 *   `comment`, `sendResponse` ("true if a response is to be sent to the organizer; otherwise, false.
 *   Optional. Default is true."); "If successful, this method returns 202 Accepted response code. It
 *   doesn't return anything in the response body."
 * - https://learn.microsoft.com/en-us/graph/api/event-tentativelyaccept and
 *   https://learn.microsoft.com/en-us/graph/api/event-decline: the same, plus `proposedNewTime`: "An
 *   invitee can only propose an alternative time if the organizer allows it (allowNewTimeProposals)" and
 *   "proposedNewTime ... can only be set if sendResponse is true" (400 otherwise).
 * - https://learn.microsoft.com/en-us/graph/api/resources/responsestatus: the attendee's
 *   `responseStatus.response` becomes accepted / tentativelyAccepted / declined; the organizer gets a
 *   reply message.
 * - https://learn.microsoft.com/en-us/graph/api/event-cancel: "POST /me/events/{id}/cancel"; "This action
 *   allows the organizer of a meeting to send a cancellation message and cancel the event. The action
 *   moves the event to the Deleted Items folder."; "If successful, this method returns 202 Accepted";
 *   an attendee calling it "gets an error message" (UNVERIFIED which: 400 ErrorAccessDenied here).
 * UNVERIFIED: the organizer answering his own meeting is 400 ErrorInvalidRequest; a declined event stays
 * in the calendar; the organizer's copy records the answer on the series whatever the scope; a series
 * answer replaces an occurrence's own.
 */
const samples = join(__dirname, '..', 'fixtures', 'graph-samples');
const sample = (name: string) => JSON.parse(readFileSync(join(samples, `${name}.json`), 'utf8')) as Record<string, unknown>;
const enc = encodeURIComponent;
const day = 24 * 3600 * 1000;

describe('meeting answers in the simulator follow Graph v1.0', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  let slot = 0;
  const invite = (subject: string) => {
    const start = Date.now() + (3 + ++slot) * day;
    return h.sim.state.simulateInvitation('bob@contoso.test', 'alice@contoso.test', { subject, start: new Date(start).toISOString(), end: new Date(start + 3600_000).toISOString() });
  };
  const aliceEvent = (id: string) => h.sim.state.calendar('alice@contoso.test')!.event(id) as any;
  const post = (id: string, action: string, body: unknown) => h.call('POST', `/me/events/${enc(id)}/${action}`, { body, user: 'alice@contoso.test' });

  it.each([
    ['accept', 'event-accept-request', 'accepted'],
    ['tentativelyAccept', 'event-tentativelyaccept-request', 'tentativelyAccepted'],
    ['decline', 'event-decline-request', 'declined'],
  ] as const)('%s with the documented body: 202, no body; the attendee copy says so; the organizer gets a reply and the status', async (action, name, response) => {
    const { organizerEventId, attendeeEventId } = invite(`Contract ${action}`);
    expect(aliceEvent(attendeeEventId).responseStatus.response).toBe('notResponded');
    const answer = await post(attendeeEventId, action, sample(name));
    expect(answer.status).toBe(202);
    expect(aliceEvent(attendeeEventId).responseStatus.response).toBe(response);
    await h.sim.state.deliveriesSettled();
    const replies = h.sim.state.mailbox('bob@contoso.test')!.messages('inbox').filter((m) => String(m.subject).endsWith(`: Contract ${action}`));
    expect(replies).toHaveLength(1);
    const bobs = h.sim.state.calendar('bob@contoso.test')!.event(organizerEventId) as any;
    expect(bobs.attendees.find((a: any) => a.emailAddress.address === 'alice@contoso.test').status.response).toBe(response);
  });

  it('400s: a proposal with sendResponse false, a proposal on accept, the organizer answering himself', async () => {
    const { organizerEventId, attendeeEventId } = invite('Contract 400');
    const decline = sample('event-decline-request');
    expect((await post(attendeeEventId, 'decline', { ...decline, sendResponse: false })).status).toBe(400);
    expect((await post(attendeeEventId, 'accept', { ...decline })).status).toBe(400);
    expect(aliceEvent(attendeeEventId).responseStatus.response).toBe('notResponded');
    const own = await h.call('POST', `/me/events/${enc(organizerEventId)}/accept`, { body: sample('event-accept-request'), user: 'bob@contoso.test' });
    expect(own.status).toBe(400);
  });

  it("Ferry's answer bodies have the samples' shape", () => {
    expect(Object.keys(eventAnswerRequest('x', 'accept', { comment: 'c', sendResponse: true }).body as object).sort()).toEqual(Object.keys(sample('event-accept-request')).sort());
    const at = { dateTime: '2019-12-02T18:00:00', timeZone: 'UTC' };
    const body = eventAnswerRequest('x', 'decline', { comment: 'c', sendResponse: true, proposedNewTime: { start: at, end: at } }).body as Record<string, any>;
    const decline = sample('event-decline-request') as Record<string, any>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(decline).sort());
    expect(Object.keys(body.proposedNewTime.start).sort()).toEqual(Object.keys(decline.proposedNewTime.start).sort());
  });

  it('cancel: 202; gone from the organizer\'s calendar; the attendee copy cancelled and told once; an attendee cannot cancel', async () => {
    const { organizerEventId, attendeeEventId } = invite('Contract cancel');
    const refused = await post(attendeeEventId, 'cancel', { comment: 'x' });
    expect(refused.status).toBe(400);
    const answer = await h.call('POST', `/me/events/${enc(organizerEventId)}/cancel`, { body: { comment: 'Cancelling' }, user: 'bob@contoso.test' });
    expect(answer.status).toBe(202);
    expect(h.sim.state.calendar('bob@contoso.test')!.event(organizerEventId)).toBeUndefined();
    await h.sim.state.deliveriesSettled();
    expect(aliceEvent(attendeeEventId).isCancelled).toBe(true);
    expect(h.sim.state.mailbox('alice@contoso.test')!.messages('inbox').filter((m) => m.subject === 'Canceled: Contract cancel')).toHaveLength(1);
  });
});
