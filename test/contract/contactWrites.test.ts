import { smallMailboxes, startGraphSim, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The simulator's contact writes and photos against Microsoft's documentation:
 * - https://learn.microsoft.com/en-us/graph/api/user-post-contacts: "POST /me/contacts",
 *   "POST /me/contactFolders/{contactFolderId}/contacts"; "If successful, this method returns 201 Created
 *   response code and contact object in the response body."
 * - https://learn.microsoft.com/en-us/graph/api/contact-update: "PATCH /me/contacts/{id}",
 *   "PATCH /me/contactFolders/{contactFolderId}/contacts/{id}"; "In the request body, supply the values for
 *   relevant fields that should be updated. Existing properties that are not included in the request body
 *   will maintain their previous values"; "200 OK response code and updated contact object".
 * - https://learn.microsoft.com/en-us/graph/api/contact-delete: "DELETE /me/contacts/{id}"; "If successful,
 *   this method returns 204 No Content response code."
 * - https://learn.microsoft.com/en-us/graph/api/profilephoto-update: "PUT /me/contacts/{id}/photo/$value",
 *   "Content-Type: image/jpeg. Required.", "In the request body, include the binary data of the photo";
 *   "There is a limit of 4 MB on the total size of each REST request". profilephoto-get: "GET
 *   /me/contacts/{id}/photo/$value" answers the bytes.
 * - https://learn.microsoft.com/en-us/graph/json-batching: each response of a batch carries `id`, `status`,
 *   `headers` and `body`; that a binary body (a photo's bytes) comes base64 there is observed, not documented
 *   (https://learn.microsoft.com/answers/questions/1352007; OData JSON Format 4.01 batch responses).
 * - https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-get: "GET
 *   /me/contactfolders/{Id}/contacts?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and
 *   ep/value eq '{property_value}')" and the same on /me/contacts.
 * UNVERIFIED (flags or options, run both ways): If-Match on a contact PATCH (412 ErrorIrresolvableConflict;
 * `contactsIfMatchIgnored`), how soon the `$filter` finds a new contact (`contactFilterLagInMs`), a missing
 * photo's 404 code, whether a photo change moves the change key (it does here).
 */
const enc = encodeURIComponent;
const alice = 'alice@contoso.test';
const keyId = 'String {b6d2a1f4-3c5e-4e8a-9f17-0a2c4e6b8d31} Name FerryContactKey';
const filterOf = (value: string) => `$filter=${enc(`singleValueExtendedProperties/Any(ep: ep/id eq '${keyId}' and ep/value eq '${value}')`)}`;

describe('contact writes and photos in the simulator follow Graph v1.0', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  afterEach(() => {
    h.sim.state.setFlags({ contactsIfMatchIgnored: false });
    h.sim.state.setContactFilterLag(0);
  });
  const view = () => h.sim.state.contacts(alice)!;
  const family = () => view().folders().find((f) => f.displayName === 'Family')!.id as string;

  /** A raw call for bodies and answers that are not JSON. */
  async function raw(method: string, path: string, init: { body?: Buffer; contentType?: string } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${await h.token(alice)}`, prefer: 'IdType="ImmutableId"' };
    if (init.contentType) headers['content-type'] = init.contentType;
    const response = await fetch(`${h.sim.url}/v1.0${path}`, { method, headers, body: init.body });
    return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('POST /me/contacts creates in the default folder, /me/contactFolders/{id}/contacts in that one: 201 with the contact and its extended properties stored', async () => {
    const created = await h.call('POST', '/me/contacts', { body: { displayName: 'Pat Post', emailAddresses: [{ name: 'Pat', address: 'pat@example.test' }], singleValueExtendedProperties: [{ id: keyId, value: 'key-1' }] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: 'Pat Post', parentFolderId: view().defaultFolder().id, emailAddresses: [{ name: 'Pat', address: 'pat@example.test' }], homeAddress: {} });
    expect(view().extendedProperties(created.body.id)).toEqual([{ id: keyId, value: 'key-1' }]);
    const inFolder = await h.call('POST', `/me/contactFolders/${enc(family())}/contacts`, { body: { displayName: 'Fay Folder' } });
    expect([inFolder.status, inFolder.body.parentFolderId]).toEqual([201, family()]);
    const unknown = await h.call('POST', '/me/contacts', { body: { displayName: 'X', shoeSize: '42' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'RequestBodyRead']);
  });

  it('finds contacts by an extended property in one folder, expands another; a lag hides new ones (contactFilterLagInMs)', async () => {
    const id = (await h.call('POST', `/me/contactFolders/${enc(family())}/contacts`, { body: { displayName: 'Flo Filter', singleValueExtendedProperties: [{ id: keyId, value: 'key-2' }] } })).body.id;
    const expand = `$expand=${enc(`singleValueExtendedProperties($filter=id eq '${keyId}')`)}`;
    const found = await h.get(`/me/contactFolders/${enc(family())}/contacts?${filterOf('key-2')}&${expand}&$select=displayName`);
    expect(found.status).toBe(200);
    expect(found.body.value).toEqual([{ id, displayName: 'Flo Filter', singleValueExtendedProperties: [{ id: keyId, value: 'key-2' }] }]);
    expect((await h.get(`/me/contacts?${filterOf('key-2')}`)).body.value).toEqual([]);
    h.sim.state.setContactFilterLag(60_000);
    expect((await h.get(`/me/contactFolders/${enc(family())}/contacts?${filterOf('key-2')}`)).body.value).toEqual([]);
    const other = await h.get(`/me/contacts?$filter=${enc("displayName eq 'x'")}`);
    expect(other.status).toBe(400);
  });

  it.each([false, true])('PATCH changes only the properties given; a stale If-Match is 412 unless ignored (contactsIfMatchIgnored: %s)', async (ignored) => {
    h.sim.state.setFlags({ contactsIfMatchIgnored: ignored });
    const id = h.sim.state.addContact(alice, { displayName: 'Paula Patch', jobTitle: 'Engineer', homePhones: ['+1 1'] }, family());
    const etag = (await h.get(`/me/contacts/${enc(id)}`)).body['@odata.etag'];
    const patched = await h.call('PATCH', `/me/contactFolders/${enc(family())}/contacts/${enc(id)}`, { body: { jobTitle: 'Architect' }, headers: { 'If-Match': etag } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ jobTitle: 'Architect', homePhones: ['+1 1'], displayName: 'Paula Patch' });
    expect(patched.body['@odata.etag']).not.toBe(etag);
    const stale = await h.call('PATCH', `/me/contacts/${enc(id)}`, { body: { jobTitle: 'Director' }, headers: { 'If-Match': etag } });
    if (ignored) expect([stale.status, view().contact(id)!.jobTitle]).toEqual([200, 'Director']);
    else {
      expect([stale.status, stale.body.error.code, view().contact(id)!.jobTitle]).toEqual([412, 'ErrorIrresolvableConflict', 'Architect']);
    }
    const elsewhere = await h.call('PATCH', `/me/contactFolders/${enc(view().defaultFolder().id as string)}/contacts/${enc(id)}`, { body: { jobTitle: 'X' } });
    expect(elsewhere.status).toBe(404);
  });

  it('DELETE answers 204, then 404', async () => {
    const id = h.sim.state.addContact(alice, { displayName: 'Dee Delete' }, family());
    expect((await h.call('DELETE', `/me/contactFolders/${enc(family())}/contacts/${enc(id)}`)).status).toBe(204);
    expect(view().contact(id)).toBeUndefined();
    expect((await h.call('DELETE', `/me/contacts/${enc(id)}`)).status).toBe(404);
  });

  it('a photo: 404 without one; PUT of image/jpeg bytes answers 200 and moves the change key; GET answers the bytes; 4 MB and more is 413', async () => {
    const id = h.sim.state.addContact(alice, { displayName: 'Phil Photo' }, family());
    const path = `/me/contactFolders/${enc(family())}/contacts/${enc(id)}/photo/$value`;
    expect((await raw('GET', path)).status).toBe(404);
    const changeKey = view().contact(id)!.changeKey;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(3000, 7)]);
    expect((await raw('PUT', path, { body: bytes, contentType: 'image/jpeg' })).status).toBe(200);
    expect(view().contact(id)!.changeKey).not.toBe(changeKey);
    const got = await raw('GET', `/me/contacts/${enc(id)}/photo/$value`);
    expect([got.status, got.contentType, got.bytes.equals(bytes)]).toEqual([200, 'image/jpeg', true]);
    expect((await raw('PUT', path, { body: bytes, contentType: 'image/gif' })).status).toBe(400);
    expect((await raw('PUT', path, { body: Buffer.alloc(4 * 1024 * 1024 + 1), contentType: 'image/jpeg' })).status).toBe(413);
  });

  it('in a $batch a photo comes base64 with its content type, a missing one as a 404 item', async () => {
    const withPhoto = view().contacts(family()).find((c) => view().photo(c.id as string)) ?? view().contacts().find((c) => view().photo(c.id as string))!;
    const folder = withPhoto.parentFolderId as string;
    const without = h.sim.state.addContact(alice, { displayName: 'No Photo' }, folder);
    const url = (id: string) => `/me/contactFolders/${enc(folder)}/contacts/${enc(id)}/photo/$value`;
    const batch = await h.call('POST', '/$batch', { body: { requests: [{ id: '1', method: 'GET', url: url(withPhoto.id as string) }, { id: '2', method: 'GET', url: url(without) }] } });
    const byId = new Map((batch.body.responses as Array<{ id: string; status: number; headers: Record<string, string>; body: unknown }>).map((r) => [r.id, r]));
    const photo = view().photo(withPhoto.id as string)!;
    expect(byId.get('1')).toMatchObject({ status: 200, headers: { 'Content-Type': photo.contentType }, body: photo.bytes.toString('base64') });
    expect(byId.get('2')!.status).toBe(404);
  });
});
