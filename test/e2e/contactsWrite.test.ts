import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { contactHashPropertyId, contactKeyPropertyId } from '../../shared/commands/contacts/contactStamp';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * contacts/create, contacts/update, contacts/delete, contacts/photos and contacts/photo/set (issue 19,
 * "Writes" and "Photos") against the simulator: one contact per clientContactId whatever happens to the
 * answers (lost after the POST, 503/504 after Graph acted, two identical requests at once, a repeat
 * after success), the key reused 409, the contact limits 400, the birthday's day both ways, updates
 * judged against `base` with If-Match (both ways of the simulator's `contactsIfMatchIgnored`), photos
 * missing and present, the 1 MiB photo limit; no contact text in any log line (stack.close checks).
 */
const upn = 'bob@contoso.test';

let stack: Stack;
let bob: string;
const view = () => stack.sim.state.contacts(upn)!;
const defaultFolder = () => view().defaultFolder().id as string;
const family = () => view().folders().find((f) => f.displayName === 'Family')!.id as string;
const named = (folderId: string, displayName: string) => view().contacts(folderId).filter((c) => c.displayName === displayName);
const calls = (operation: string) => stack.sim.state.stats.byOperation[operation] ?? 0;
const call = (route: string, body: unknown) => stack.call(route, body, bob);
/** POSTs a raw body (exactly these bytes) to contacts/photo/set, on the pooled connection like every call. */
const post = (body: string) => stack.call('contacts/photo/set', undefined, bob, { rawBody: body });

const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 0x5a)]);

beforeAll(async () => {
  stack = await startStack();
  bob = await stack.token(upn);
  requestRecorder.start();
});
afterAll(async () => {
  const summary = ferryRequestSummary(requestRecorder.entries());
  requestRecorder.stop();
  await stack.close();
  expect(summary.problems).toEqual([]);
  expect(summary.kinds['$batch item']).toBeGreaterThan(0);
});

describe('contacts/create', () => {
  it('creates in the default folder without folderId, stamped; a repeat answers the same contact; other content 409', async () => {
    const request = { clientContactId: 'create-1', contact: { displayName: 'Quentin Create', emails: [{ address: 'quentin@example.test' }], categories: ['Blue category'] } };
    const first = await call('contacts/create', request);
    expect(first.status).toBe(200);
    expect(first.body.contact).toMatchObject({ displayName: 'Quentin Create', emails: [{ address: 'quentin@example.test' }], folderId: defaultFolder(), categories: ['Blue category'] });
    const stamp = view().extendedProperties(first.body.contact.id);
    expect(stamp.map((p) => p.id).sort()).toEqual([contactHashPropertyId, contactKeyPropertyId].sort());
    expect(stamp.every((p) => /^[A-Za-z0-9_-]{43}$/.test(p.value))).toBe(true);
    const creates = calls('contacts.create');
    const repeat = await call('contacts/create', request);
    expect(repeat.body).toEqual(first.body);
    expect(calls('contacts.create')).toBe(creates);
    expect(named(defaultFolder(), 'Quentin Create')).toHaveLength(1);
    const other = await call('contacts/create', { ...request, contact: { displayName: 'Quentin Other' } });
    expect([other.status, other.body.code]).toEqual([409, 'idempotency_key_reused']);
    expect(named(defaultFolder(), 'Quentin Other')).toHaveLength(0);
  });

  it('creates in the folder named; a folder that is gone is folder_not_found', async () => {
    const created = await call('contacts/create', { clientContactId: 'create-2', folderId: family(), contact: { displayName: 'Fiona Family' } });
    expect(created.body.contact).toMatchObject({ displayName: 'Fiona Family', folderId: family() });
    expect(named(family(), 'Fiona Family')).toHaveLength(1);
    const doomed = stack.sim.state.addContactFolder(upn, 'Doomed');
    stack.sim.state.deleteContactFolder(upn, doomed);
    const gone = await call('contacts/create', { clientContactId: 'create-3', folderId: doomed, contact: { displayName: 'Nobody' } });
    expect([gone.status, gone.body.code]).toEqual([404, 'folder_not_found']);
  });

  it.each([
    ['504', 504],
    ['503', 503],
  ] as const)('a POST answered %s after it took effect is found by its stamp: one contact, one POST', async (_, status) => {
    const displayName = `Lost ${status}`;
    const [creates, lookUps] = [calls('contacts.create'), calls('contacts.list')];
    stack.sim.state.throttleNext({ status, operation: 'contacts.create', afterApply: true });
    const answer = await call('contacts/create', { clientContactId: `lost-${status}`, folderId: family(), contact: { displayName } });
    expect(answer.status).toBe(200);
    expect(named(family(), displayName).map((c) => c.id)).toEqual([answer.body.contact.id]);
    // Not idempotent: never sent twice; a look-up before it and one after the lost answer, then the check for doubles.
    expect(calls('contacts.create') - creates).toBe(1);
    expect(calls('contacts.list') - lookUps).toBe(3);
  });

  it('a lost answer the look-up cannot see yet (filter lag) is outcome_unknown; the repeat finds the contact', async () => {
    stack.sim.state.setContactFilterLag(60_000);
    try {
      stack.sim.state.throttleNext({ status: 504, operation: 'contacts.create', afterApply: true });
      const request = { clientContactId: 'lagging-1', contact: { displayName: 'Lagging Lou' } };
      const lost = await call('contacts/create', request);
      expect([lost.status, lost.body.code]).toEqual([502, 'outcome_unknown']);
      stack.sim.state.setContactFilterLag(0);
      const repeat = await call('contacts/create', request);
      expect(repeat.status).toBe(200);
      expect(named(defaultFolder(), 'Lagging Lou').map((c) => c.id)).toEqual([repeat.body.contact.id]);
    } finally {
      stack.sim.state.setContactFilterLag(0);
    }
  });

  it('two identical creates at once make two contacts for a moment, then one: both answer the older', async () => {
    // Both look-ups find nothing before either POST runs (the POSTs wait 300 ms in the simulator), and
    // both checks for doubles run after both POSTs (the third and fourth look-ups wait 600 ms).
    stack.sim.state.setLatencySchedule([
      { operation: 'contacts.create', delaysInMs: [300] },
      { operation: 'contacts.list', delaysInMs: [0, 0, 600], afterLast: 'repeatLast' },
    ]);
    try {
      const request = { clientContactId: 'twins-1', folderId: family(), contact: { displayName: 'Twin Tessa' } };
      const deletes = calls('contacts.delete');
      const [a, b] = await Promise.all([call('contacts/create', request), call('contacts/create', request)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.contact.id).toBe(b.body.contact.id);
      expect(named(family(), 'Twin Tessa').map((c) => c.id)).toEqual([a.body.contact.id]);
      expect(calls('contacts.delete') - deletes).toBe(1);
    } finally {
      stack.sim.state.setLatencySchedule(undefined);
    }
  });

  it.each([
    ['4 emails', { emails: [1, 2, 3, 4].map((n) => ({ address: `e${n}@example.test` })) }],
    ['2 mobiles', { phones: [{ type: 'mobile', number: '+1 1' }, { type: 'mobile', number: '+1 2' }] }],
    ['an "other" phone', { phones: [{ type: 'other', number: '+1 3' }] }],
    ['3 business phones', { phones: [1, 2, 3].map((n) => ({ type: 'business', number: `+1 ${n}` })) }],
    ['2 home addresses', { addresses: [{ type: 'home', city: 'A' }, { type: 'home', city: 'B' }] }],
    ['no name', { displayName: '' }],
    ['a name of 256 characters', { displayName: 'N'.repeat(256) }],
    ['a birthday that is no date', { birthday: '1990-02-30' }],
  ])('refuses %s with 400 and makes nothing', async (_, fields) => {
    const creates = calls('contacts.create');
    const answer = await call('contacts/create', { clientContactId: 'refused-1', contact: { displayName: 'Refused Rita', ...fields } });
    expect([answer.status, answer.body.code]).toEqual([400, 'bad_request']);
    expect(calls('contacts.create')).toBe(creates);
  });

  it('takes a name of 255 characters', async () => {
    const answer = await call('contacts/create', { clientContactId: 'long-name-1', contact: { displayName: 'N'.repeat(255) } });
    expect([answer.status, answer.body.contact?.displayName]).toEqual([200, 'N'.repeat(255)]);
  });

  it('takes 3 emails, one mobile, two home and two business phones, three addresses; writes the birthday as UTC midnight', async () => {
    const contact = {
      displayName: 'Full Fredrik',
      emails: [1, 2, 3].map((n) => ({ name: `F ${n}`, address: `f${n}@example.test` })),
      phones: [{ type: 'business', number: '+47 1' }, { type: 'mobile', number: '+47 2' }, { type: 'home', number: '+47 3' }, { type: 'home', number: '+47 4' }, { type: 'business', number: '+47 5' }],
      addresses: [{ type: 'other', city: 'Bergen' }, { type: 'home', street: 'Storgata 1', city: 'Oslo', postalCode: '0150', country: 'Norway' }, { type: 'business', city: 'Tromsø' }],
      birthday: '1990-05-17',
      notes: 'Likes brown cheese.',
    };
    const created = await call('contacts/create', { clientContactId: 'full-1', contact });
    expect(created.status).toBe(200);
    const graph = view().contact(created.body.contact.id)!;
    expect(graph).toMatchObject({ birthday: '1990-05-17T00:00:00Z', mobilePhone: '+47 2', homePhones: ['+47 3', '+47 4'], businessPhones: ['+47 1', '+47 5'], homeAddress: { street: 'Storgata 1', city: 'Oslo', postalCode: '0150', countryOrRegion: 'Norway' }, otherAddress: { city: 'Bergen' } });
    expect(created.body.contact).toMatchObject({
      birthday: '1990-05-17',
      notes: 'Likes brown cheese.',
      emails: contact.emails,
      phones: [{ type: 'mobile', number: '+47 2' }, { type: 'home', number: '+47 3' }, { type: 'home', number: '+47 4' }, { type: 'business', number: '+47 1' }, { type: 'business', number: '+47 5' }],
      addresses: [{ type: 'home', street: 'Storgata 1', city: 'Oslo', postalCode: '0150', country: 'Norway' }, { type: 'business', city: 'Tromsø' }, { type: 'other', city: 'Bergen' }],
    });
  });
});

describe('contacts/update', () => {
  const seed = (displayName: string, folderId = family()) =>
    stack.sim.state.addContact(upn, { displayName, jobTitle: 'Engineer', emailAddresses: [{ name: displayName, address: 'seed@example.test' }], homeAddress: { city: 'Oslo' }, birthday: '1991-11-01T22:00:00Z' }, folderId);

  it('changes the fields of set, leaves the others, reads a 22:00Z birthday as the next day; a repeat PATCHes nothing', async () => {
    const id = seed('Update Ulla');
    const request = { id, folderId: family(), base: { jobTitle: 'Engineer', phones: [] }, set: { jobTitle: 'Architect', phones: [{ type: 'mobile', number: '+47 9' }] } };
    const answer = await call('contacts/update', request);
    expect(answer.status).toBe(200);
    expect(answer.body.contact).toMatchObject({ id, folderId: family(), jobTitle: 'Architect', phones: [{ type: 'mobile', number: '+47 9' }], birthday: '1991-11-02', emails: [{ address: 'seed@example.test' }], addresses: [{ type: 'home', city: 'Oslo' }] });
    expect(view().contact(id)).toMatchObject({ jobTitle: 'Architect', mobilePhone: '+47 9', homePhones: [], businessPhones: [], birthday: '1991-11-01T22:00:00Z', homeAddress: { city: 'Oslo' } });
    const patches = calls('contacts.update');
    const repeat = await call('contacts/update', request);
    expect(repeat.body.contact.changeKey).toBe(answer.body.contact.changeKey);
    expect(calls('contacts.update')).toBe(patches);
  });

  it('clears a text with "" and a birthday with ""; replaces addresses whole', async () => {
    const id = seed('Clear Clara');
    const answer = await call('contacts/update', { id, folderId: family(), base: { jobTitle: 'Engineer', birthday: '1991-11-02', addresses: [{ type: 'home', city: 'Oslo' }] }, set: { jobTitle: '', birthday: '', addresses: [{ type: 'business', city: 'Bergen' }] } });
    expect(answer.status).toBe(200);
    expect(answer.body.contact.jobTitle).toBeUndefined();
    expect(answer.body.contact.birthday).toBeUndefined();
    expect(answer.body.contact.addresses).toEqual([{ type: 'business', city: 'Bergen' }]);
    expect(view().contact(id)).toMatchObject({ jobTitle: null, birthday: null, homeAddress: {}, businessAddress: { city: 'Bergen' } });
  });

  it('a stale base is 409 conflict and changes nothing; base without exactly set\'s fields is 400', async () => {
    const id = seed('Stale Stan');
    stack.sim.state.updateContact(upn, id, { jobTitle: 'Manager' });
    const answer = await call('contacts/update', { id, folderId: family(), base: { jobTitle: 'Engineer' }, set: { jobTitle: 'Director' } });
    expect([answer.status, answer.body.code]).toEqual([409, 'conflict']);
    expect(view().contact(id)!.jobTitle).toBe('Manager');
    const mismatched = await call('contacts/update', { id, folderId: family(), base: { jobTitle: 'Manager', nickName: '' }, set: { jobTitle: 'Director' } });
    expect([mismatched.status, mismatched.body.code]).toEqual([400, 'bad_request']);
  });

  /** Runs an update whose PATCH waits in the simulator while `meanwhile` changes the contact. */
  async function updateWithChangeBetween(id: string, set: Record<string, unknown>, base: Record<string, unknown>, meanwhile: () => void) {
    stack.sim.state.setLatencySchedule({ operation: 'contacts.update', delaysInMs: [300, 0], afterLast: 'repeatLast' });
    try {
      const before = calls('contacts.update');
      const pending = call('contacts/update', { id, folderId: family(), base, set });
      while (calls('contacts.update') === before) await new Promise((resolve) => setTimeout(resolve, 5));
      meanwhile();
      return await pending;
    } finally {
      stack.sim.state.setLatencySchedule(undefined);
    }
  }

  it('a change of the same field between the read and the PATCH is 409 (If-Match 412, read again)', async () => {
    const id = seed('Racing Rolf');
    const answer = await updateWithChangeBetween(id, { jobTitle: 'Director' }, { jobTitle: 'Engineer' }, () => stack.sim.state.updateContact(upn, id, { jobTitle: 'Manager' }));
    expect([answer.status, answer.body.code]).toEqual([409, 'conflict']);
    expect(view().contact(id)!.jobTitle).toBe('Manager');
  });

  it('a change of another field between the read and the PATCH keeps both (412, read again, one more PATCH)', async () => {
    const id = seed('Racing Rita');
    const patches = calls('contacts.update');
    const answer = await updateWithChangeBetween(id, { jobTitle: 'Director' }, { jobTitle: 'Engineer' }, () => stack.sim.state.updateContact(upn, id, { department: 'Sales' }));
    expect(answer.status).toBe(200);
    expect(view().contact(id)).toMatchObject({ jobTitle: 'Director', department: 'Sales' });
    expect(answer.body.contact).toMatchObject({ jobTitle: 'Director', department: 'Sales' });
    expect(calls('contacts.update') - patches).toBe(2);
  });

  it('with If-Match ignored (flag contactsIfMatchIgnored) the same race overwrites the other change: the UNVERIFIED risk', async () => {
    stack.sim.state.setFlags({ contactsIfMatchIgnored: true });
    try {
      const id = seed('Racing Ruth');
      const answer = await updateWithChangeBetween(id, { jobTitle: 'Director' }, { jobTitle: 'Engineer' }, () => stack.sim.state.updateContact(upn, id, { jobTitle: 'Manager' }));
      expect(answer.status).toBe(200);
      expect(view().contact(id)!.jobTitle).toBe('Director');
    } finally {
      stack.sim.state.setFlags({ contactsIfMatchIgnored: false });
    }
  });

  it('a contact moved to another folder is not_found in the old one', async () => {
    const id = seed('Moved Mona');
    stack.sim.state.moveContact(upn, id, defaultFolder());
    const answer = await call('contacts/update', { id, folderId: family(), base: { jobTitle: 'Engineer' }, set: { jobTitle: 'Director' } });
    expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
  });
});

describe('contacts/delete', () => {
  it('deletes; a second delete is not_found', async () => {
    const id = stack.sim.state.addContact(upn, { displayName: 'Doomed Dora' }, family());
    const answer = await call('contacts/delete', { id, folderId: family() });
    expect([answer.status, answer.body]).toEqual([200, {}]);
    expect(view().contact(id)).toBeUndefined();
    const again = await call('contacts/delete', { id, folderId: family() });
    expect([again.status, again.body.code]).toEqual([404, 'not_found']);
  });
});

describe('contacts/photos and contacts/photo/set', () => {
  it('answers ok with the bytes, none without a photo, not_found for an unknown contact, in one $batch', async () => {
    const withPhoto = view().contacts(defaultFolder()).concat(view().contacts(family())).find((c) => view().photo(c.id as string))!;
    const folderId = withPhoto.parentFolderId as string;
    const without = view().contacts(folderId).find((c) => !view().photo(c.id as string))!.id as string;
    const goneId = stack.sim.state.addContact(upn, { displayName: 'Gone Gary' }, folderId);
    stack.sim.state.deleteContact(upn, goneId);
    const batches = calls('batch');
    const answer = await call('contacts/photos', { folderId, ids: [withPhoto.id, without, goneId] });
    expect(answer.status).toBe(200);
    const photo = view().photo(withPhoto.id as string)!;
    expect(answer.body.photos).toEqual([
      { id: withPhoto.id, status: 'ok', contentType: photo.contentType, data: photo.bytes.toString('base64') },
      { id: without, status: 'none' },
      { id: goneId, status: 'not_found' },
    ]);
    // One $batch for the photos, one more only because some were missing.
    expect(calls('batch') - batches).toBe(2);
  });

  it('a folder that is gone is folder_not_found; 20 ids are taken, 21 are 400', async () => {
    const doomed = stack.sim.state.addContactFolder(upn, 'Doomed photos');
    const id = stack.sim.state.addContact(upn, { displayName: 'Doomed Dan' }, doomed);
    stack.sim.state.deleteContactFolder(upn, doomed);
    const gone = await call('contacts/photos', { folderId: doomed, ids: [id] });
    expect([gone.status, gone.body.code]).toEqual([404, 'folder_not_found']);
    const ids = view().contacts(defaultFolder()).map((c) => c.id as string);
    const twenty = Array.from({ length: 20 }, (_, i) => ids[i % ids.length]!);
    const ok = await call('contacts/photos', { folderId: defaultFolder(), ids: twenty });
    expect([ok.status, ok.body.photos.length]).toEqual([200, 20]);
    const tooMany = await call('contacts/photos', { folderId: defaultFolder(), ids: [...twenty, ids[0]] });
    expect([tooMany.status, tooMany.body.code]).toEqual([400, 'bad_request']);
  });

  it('sets a photo of exactly 1 MiB (PUT, its change key moves) and reads it back; a GIF is 400, a contact that is gone 404', async () => {
    const id = stack.sim.state.addContact(upn, { displayName: 'Photo Pia' }, family());
    const changeKey = view().contact(id)!.changeKey;
    const bytes = jpeg(1024 * 1024);
    const set = await call('contacts/photo/set', { id, folderId: family(), contentType: 'image/jpeg', data: bytes.toString('base64') });
    expect([set.status, set.body]).toEqual([200, {}]);
    expect(view().photo(id)).toEqual({ contentType: 'image/jpeg', bytes });
    expect(view().contact(id)!.changeKey).not.toBe(changeKey);
    const read = await call('contacts/photos', { folderId: family(), ids: [id] });
    expect(read.body.photos[0]).toEqual({ id, status: 'ok', contentType: 'image/jpeg', data: bytes.toString('base64') });
    const other = await call('contacts/photo/set', { id, folderId: family(), contentType: 'image/gif', data: 'R0lGODdh' });
    expect([other.status, other.body.code]).toEqual([400, 'bad_request']);
    stack.sim.state.deleteContact(upn, id);
    const gone = await call('contacts/photo/set', { id, folderId: family(), contentType: 'image/jpeg', data: jpeg(16).toString('base64') });
    expect([gone.status, gone.body.code]).toEqual([404, 'not_found']);
  });
});

it('logs no contact name, address, number or photo byte', async () => {
  // The created contacts are in the simulator's view, which stack.close() searches the logs for; the
  // texts only a request carried (refused ones) are added here.
  for (const text of ['Refused Rita', 'Likes brown cheese.', 'f1@example.test', 'Storgata 1', 'quentin@example.test']) stack.secrets.add(text);
  expect(stack.logs.length).toBeGreaterThan(0);
  expect(stack.logs.some((line) => line.includes('contacts.create'))).toBe(true);
});

describe('contacts/photo/set limits', () => {
  /** A photo/set body of exactly `bytes` bytes (its base64 padded with whole groups). */
  const bodyOf = (bytes: number, id: string) => {
    const head = JSON.stringify({ id, folderId: family(), contentType: 'image/png', data: '' });
    const room = bytes - Buffer.byteLength(head);
    const data = 'AAAA'.repeat(Math.floor(room / 4));
    const body = head.replace('"data":""', `"data":"${data}"`);
    return body.replace('"contentType":"image/png"', `"contentType":"image/png"${' '.repeat(bytes - Buffer.byteLength(body))}`);
  };

  it('1 MiB + 1 decoded is 413; a body of 1,500,000 bytes passes the body limit (then the photo limit), 1,500,001 are 413', async () => {
    const id = stack.sim.state.addContact(upn, { displayName: 'Photo Paul' }, family());
    const puts = calls('contacts.setPhoto');
    const over = await call('contacts/photo/set', { id, folderId: family(), contentType: 'image/png', data: jpeg(1024 * 1024 + 1).toString('base64') });
    expect([over.status, over.body.code, over.body.detail]).toEqual([413, 'payload_too_large', 'The photo is larger than 1 MiB.']);
    const at = await post(bodyOf(1_500_000, id));
    expect([at.status, at.body.code, at.body.detail]).toEqual([413, 'payload_too_large', 'The photo is larger than 1 MiB.']);
    const past = await post(bodyOf(1_500_001, id));
    expect([past.status, past.body.code]).toEqual([413, 'payload_too_large']);
    expect(past.body.detail).not.toBe('The photo is larger than 1 MiB.');
    expect(calls('contacts.setPhoto')).toBe(puts);
  });
});
