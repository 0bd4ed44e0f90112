import { contactsSyncCommand } from '../../../shared/commands/contactsSync';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import type { GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { contactSchema, type Contact } from '../../../shared/protocol/schemas/contacts';
import { commandContextFor } from '../../helpers/commandContextFor';
import { capturingLogger, spoilingGraph } from '../../helpers/spoilingGraph';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

/**
 * Issue #19, "a contact that fails translation must not fail the answer" (as calendar's degraded
 * events and mail's `unavailable`): contacts/sync against the simulator, with a Graph client that
 * spoils one contact of the folder's delta (and every fill-in answer for it). The contact goes out
 * degraded (`unavailable` names what did not translate), the rest whole, the state moves on, and the
 * log names the contact's id and the error's class, never its content.
 */
describe('contacts/sync with a contact Ferry cannot translate', () => {
  let h: GraphSimHarness;
  let real: GraphClient;
  let folderId: string;
  const upn = 'alice@contoso.test';
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    real = createGraphClient({ graphUrl: h.sim.url, getToken: () => h.token(upn) });
    folderId = h.sim.state.contacts(upn)!.folders().find((f) => f.displayName === 'Family')!.id as string;
  });
  afterAll(() => h.close());

  async function wholeAnswer(): Promise<Contact[]> {
    const answer = await contactsSyncCommand.handler({ folderId, window: 200 }, commandContextFor(real, capturingLogger().logger));
    expect(answer.more).toBe(false);
    return answer.upserts;
  }

  const cases: Array<[string, (entry: Record<string, unknown>) => Record<string, unknown>, string[]]> = [
    ['Graph leaves out its phones, in the delta entry and the fill-in alike', ({ mobilePhone: _m, ...entry }) => entry, ['phones']],
    ['fields have a shape no translator expects', (entry) => ({ ...entry, surname: { text: 7 }, emailAddresses: 'all', categories: [1] }), ['surname', 'emails', 'categories']],
  ];

  it.each(cases)('sends the contact degraded when %s, the rest whole, and moves the state on', async (_name, spoil, unavailable) => {
    const whole = await wholeAnswer();
    const victim = whole.find((contact) => contact.phones.length > 0 && contact.surname && contact.emails.length > 0)!;
    expect(victim).toBeDefined();
    const { lines, logger } = capturingLogger();
    const answer = await contactsSyncCommand.handler({ folderId, window: 200 }, commandContextFor(spoilingGraph(real, victim.id, spoil), logger));
    expect(answer.more).toBe(false);
    expect(answer.upserts.map((c) => c.id).sort()).toEqual(whole.map((c) => c.id).sort());
    for (const contact of answer.upserts) {
      expect(contactSchema.safeParse(contact).success).toBe(true);
      if (contact.id !== victim.id) {
        expect(contact).toEqual(whole.find((w) => w.id === contact.id));
        continue;
      }
      expect(contact.unavailable).toEqual(unavailable);
      const { unavailable: _u, ...rest } = contact;
      for (const [field, value] of Object.entries(rest)) if (!unavailable.includes(field)) expect([field, value]).toEqual([field, victim[field as keyof Contact]]);
    }
    // The next call goes on from the state: the folder is not stuck on the contact.
    const next = await contactsSyncCommand.handler({ folderId, state: answer.state }, commandContextFor(real, logger));
    expect(next.upserts).toEqual([]);
    const degraded = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === 'contacts.sync.degraded');
    expect(degraded).toEqual([{ level: 'warn', event: 'contacts.sync.degraded', itemId: victim.id, errorName: 'TypeError' }]);
    expect(lines.join('\n')).not.toContain(victim.displayName);
  });

  it('without a contact to spoil, no contact is degraded and nothing is logged as degraded', async () => {
    const { lines, logger } = capturingLogger();
    const answer = await contactsSyncCommand.handler({ folderId, window: 200 }, commandContextFor(real, logger));
    expect(answer.upserts.length).toBeGreaterThan(3);
    expect(answer.upserts.every((contact) => contact.unavailable.length === 0)).toBe(true);
    expect(lines.some((line) => line.includes('degraded'))).toBe(false);
  });

  it('a removed id Ferry and the device never saw is harmless: the answer goes out, the id as removed, every contact whole', async () => {
    const unknownId = 'AAMkAGUnknownContact0000000000000000000000000000000000000000000000000AAA=';
    const first = await contactsSyncCommand.handler({ folderId, window: 200 }, commandContextFor(real));
    h.sim.state.addContact(upn, { displayName: 'Next one' }, folderId);
    const withGhost: GraphClient = {
      ...real,
      async page<T>(request: GraphRequest): Promise<GraphPage<T>> {
        const page = await real.page<Record<string, unknown>>(request);
        return { ...page, value: [...page.value, { id: unknownId, '@removed': { reason: 'deleted' } }] as T[] };
      },
    };
    const next = await contactsSyncCommand.handler({ folderId, state: first.state }, commandContextFor(withGhost));
    expect(next.upserts.map((c) => c.displayName)).toEqual(['Next one']);
    expect(next.removed).toEqual([unknownId]);
  });
});
