import { DeltaTokenTable } from '../../../dev/graphSim/core/delta/deltaTokenTable';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const page2 = { headers: { Prefer: 'odata.maxpagesize=2' } };

/** Follows `count` nextLinks from a first inbox request; returns every link in the order issued. */
async function walk(h: GraphSimHarness, count: number): Promise<string[]> {
  let answer = await h.get('/me/mailFolders/inbox/messages/delta?$select=subject', page2);
  const links: string[] = [answer.body['@odata.nextLink']];
  for (let i = 0; i < count; i++) {
    answer = await h.get(links[links.length - 1]!, page2);
    expect(answer.status).toBe(200);
    links.push(answer.body['@odata.nextLink']);
  }
  return links;
}

describe('graphSim delta generations (deltaGenerationsKept)', () => {
  let h: GraphSimHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('by default keeps three: replaying the oldest kept link answers, and pushes the next oldest out', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    const [g1, g2, g3] = await walk(h, 2); // generations 1, 2, 3
    const replay = await h.get(g1!, page2); // kept: answers, and issues generation 4
    expect(replay.status).toBe(200);
    expect((await h.get(g1!, page2)).status).toBe(410); // 1 fell out when 4 came
    const g3Answer = await h.get(g3!, page2); // 3 still kept; issues 5
    expect(g3Answer.status).toBe(200);
    const gone = await h.get(g2!, page2);
    expect(gone.status).toBe(410);
    expect(gone.body.error).toMatchObject({ code: 'SyncStateNotFound', message: 'The sync state generation is not found; generation=2;[highest=5][5][3][4].' });
  });

  it('a new first request starts a chain of its own: another chain\'s pages do not push its links out', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    const [mine] = await walk(h, 0);
    await walk(h, 5);
    expect((await h.get(mine!, page2)).status).toBe(200);
  });

  it('with 1 only the newest link answers; with 50 an old one still does', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, deltaGenerationsKept: 1 });
    let links = await walk(h, 1);
    expect((await h.get(links[0]!, page2)).body.error.message).toBe('The sync state generation is not found; generation=1;[highest=2][2].');
    expect((await h.get(links[1]!, page2)).status).toBe(200);
    await h.close();
    h = await startGraphSim({ mailboxes: smallMailboxes, deltaGenerationsKept: 50 });
    // Five generations past the first (the default three would have dropped it); the Inbox of the small
    // mailbox has pages enough for that whatever the generator puts elsewhere.
    links = await walk(h, 5);
    expect((await h.get(links[0]!, page2)).status).toBe(200);
  });

  it('an unknown token keeps the expiry answer (syncStateNotFound, no generation)', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    const forged = await h.get('/me/mailFolders/inbox/messages/delta?$skiptoken=made-up');
    expect(forged.status).toBe(410);
    expect(forged.body.error.code).toBe('syncStateNotFound');
    expect(forged.body.error.message).not.toContain('generation=');
  });

  it('refuses fewer than one generation', async () => {
    await expect(startGraphSim({ mailboxes: smallMailboxes, deltaGenerationsKept: 0 })).rejects.toThrow(RangeError);
    expect(() => new DeltaTokenTable({ ttlInMs: 1, capacity: 1, generationsKept: 1.5, now: () => 0 })).toThrow(RangeError);
  });
});
