import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The simulator's event create against Microsoft's documentation:
 * - https://learn.microsoft.com/en-us/graph/api/user-post-events: "POST /me/events"; "If successful, this
 *   method returns 201 Created response code and event object in the response body."; "an invitation is
 *   sent to each attendee" (when the event has attendees).
 * - https://learn.microsoft.com/en-us/graph/api/resources/event: transactionId "A custom identifier
 *   specified by a client app for the server to avoid redundant POST operations in case of client
 *   retries to create the same event. This is useful when low network connectivity causes the client to
 *   time out before receiving a response from the server for the client's prior create-event request."
 * - https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-get: "GET
 *   /me/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value eq
 *   '{property_value}')", and `$expand=singleValueExtendedProperties($filter=id eq '{id_value}')`.
 * UNVERIFIED (flag, run both ways): what a repeated transactionId answers: the event made before (default)
 * or 400 ErrorDuplicateTransactionId (`eventDuplicateTransactionIdError`, reported), and for how long.
 */
const keyId = 'String {b6d2a1f4-3c5e-4e8a-9f17-0a2c4e6b8d31} Name FerryEventKey';
const enc = encodeURIComponent;

describe('event create in the simulator follows Graph v1.0', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  afterEach(() => h.sim.state.setFlags({ eventDuplicateTransactionIdError: false }));
  const body = (transactionId: string, subject: string) => ({
    subject,
    start: { dateTime: '2031-03-10T09:00:00', timeZone: 'W. Europe Standard Time' },
    end: { dateTime: '2031-03-10T10:00:00', timeZone: 'W. Europe Standard Time' },
    attendees: [{ emailAddress: { address: 'alice@contoso.test', name: 'Alice' }, type: 'required' }],
    transactionId,
    singleValueExtendedProperties: [{ id: keyId, value: `key-${transactionId}` }],
  });
  const post = (b: unknown) => h.call('POST', '/me/events', { body: b, user: 'bob@contoso.test' });
  const bobs = (subject: string) => h.sim.state.calendar('bob@contoso.test')!.events().filter((e: any) => e.subject === subject);

  it.each([false, true])('201 with the event; a repeated transactionId makes nothing (eventDuplicateTransactionIdError: %s)', async (asError) => {
    h.sim.state.setFlags({ eventDuplicateTransactionIdError: asError });
    const subject = `Contract create ${asError}`;
    const first = await post(body(`tx-${asError}`, subject));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ subject, transactionId: `tx-${asError}`, originalStartTimeZone: 'Europe/Berlin' });
    const again = await post(body(`tx-${asError}`, subject));
    if (asError) expect([again.status, again.body.error.code]).toEqual([400, 'ErrorDuplicateTransactionId']);
    else expect([again.status, again.body.id]).toEqual([201, first.body.id]);
    expect(bobs(subject)).toHaveLength(1);
    await h.sim.state.deliveriesSettled();
    expect(h.sim.state.calendar('alice@contoso.test')!.events().filter((e: any) => e.subject === subject)).toHaveLength(1);
    expect(h.sim.state.mailbox('alice@contoso.test')!.messages('inbox').filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it('finds events by a named extended property and expands it', async () => {
    const made = await post(body('tx-find', 'Contract find'));
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${keyId}' and ep/value eq 'key-tx-find')`;
    const found = await h.get(`/me/events?$filter=${enc(filter)}&$expand=${enc(`singleValueExtendedProperties($filter=id eq '${keyId}')`)}`, { user: 'bob@contoso.test' });
    expect(found.status).toBe(200);
    expect(found.body.value.map((e: any) => [e.id, e.singleValueExtendedProperties])).toEqual([[made.body.id, [{ id: keyId, value: 'key-tx-find' }]]]);
    const none = await h.get(`/me/events?$filter=${enc(filter.replace('key-tx-find', 'key-none'))}`, { user: 'bob@contoso.test' });
    expect(none.body.value).toEqual([]);
  });
});
