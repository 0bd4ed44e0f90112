import fc from 'fast-check';
import { startGraphSim, type GraphSimHarness } from '../../helpers/graphSimHarness';

/**
 * Property: a client that applies every delta page (upsert by id, merging partial updates, deleting
 * `@removed`) holds exactly the folder's messages after a quiet round, whatever happened in between:
 * moves out and in, deletes, patches, arrivals, changes in the middle of a round, short pages and
 * partial updates. Without the immutable-id move miss (mgdc#72, on by default and tested in
 * test/contract/immutableIdMoveMiss.test.ts), which a client following the delta alone cannot heal.
 */
type Op = { kind: 'patch' | 'moveOut' | 'moveIn' | 'delete' | 'arrive' | 'pullOnePage'; pick: number };

const opArbitrary: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('patch', 'moveOut', 'moveIn', 'delete', 'arrive', 'pullOnePage'),
  pick: fc.nat(1000),
});

describe('graphSim message delta converges', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: [{ user: 'alice@contoso.test', messageCount: 60, folderCount: 0 }], flags: { shortPages: true, partialUpdates: true, immutableIdMoveMiss: false } });
  });
  afterAll(() => h.close());

  it('for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { maxLength: 25 }), fc.integer({ min: 1, max: 7 }), async (ops, pageSize) => {
        const prefer = { headers: { Prefer: `odata.maxpagesize=${pageSize}` } };
        const replica = new Map<string, Record<string, unknown>>();
        let link: string | undefined = '/me/mailFolders/inbox/messages/delta?$select=isRead,categories,subject';
        const pull = async (): Promise<boolean> => {
          const answer = await h.get(link!, prefer);
          expect(answer.status).toBe(200);
          expect(answer.body.value.length).toBeLessThanOrEqual(pageSize);
          for (const entry of answer.body.value) {
            if (entry['@removed']) replica.delete(entry.id);
            else replica.set(entry.id, { ...replica.get(entry.id), ...entry });
          }
          link = answer.body['@odata.nextLink'] ?? answer.body['@odata.deltaLink'];
          return answer.body['@odata.deltaLink'] !== undefined;
        };
        const mailbox = h.sim.state.mailbox('alice@contoso.test')!;
        const idIn = (folder: string, pick: number) => {
          const ids = mailbox.messages(folder).map((m) => m.id as string);
          return ids.length === 0 ? undefined : ids[pick % ids.length]!;
        };
        while (!(await pull())); // the first full round; the history happens after it
        for (const op of ops) {
          const inboxId = idIn('inbox', op.pick);
          const enc = inboxId && encodeURIComponent(inboxId);
          if (op.kind === 'pullOnePage') await pull();
          else if (op.kind === 'arrive') h.sim.state.simulateArrival('alice@contoso.test', { subject: `arrival ${op.pick}` });
          else if (op.kind === 'moveIn') {
            const archived = idIn('archive', op.pick);
            if (archived) await h.call('POST', `/me/messages/${encodeURIComponent(archived)}/move`, { body: { destinationId: 'inbox' } });
          } else if (enc && op.kind === 'patch') await h.call('PATCH', `/me/messages/${enc}`, { body: { isRead: op.pick % 2 === 0, categories: [`c${op.pick % 3}`] } });
          else if (enc && op.kind === 'moveOut') await h.call('POST', `/me/messages/${enc}/move`, { body: { destinationId: 'archive' } });
          else if (enc && op.kind === 'delete') await h.call('DELETE', `/me/messages/${enc}`);
        }
        // Finish the round, then one quiet round for changes made while it ran.
        for (let quietRounds = 0; quietRounds < 2; ) if (await pull()) quietRounds++;
        const server = mailbox.messages('inbox');
        expect([...replica.keys()].sort()).toEqual(server.map((m) => m.id as string).sort());
        for (const message of server) {
          expect(replica.get(message.id as string)).toMatchObject({ isRead: message.isRead, categories: message.categories, subject: message.subject });
        }
      }),
      { numRuns: 15 },
    );
  });
});
