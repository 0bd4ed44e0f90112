import type { Clock } from '../../../shared/clock';
import { LatencySchedules } from '../../../dev/graphSim/core/latencySchedule';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const aliceOid = 'a11ce000-0000-4000-8000-0000000a11ce';
const bobOid = 'b0b00000-0000-4000-8000-000000000b0b';

describe('LatencySchedules', () => {
  it('gives the Nth matching request the Nth delay, cycling by default', () => {
    const schedules = new LatencySchedules({ operation: 'messages.delta', delaysInMs: [2300, 6000] });
    expect([1, 2, 3, 4, 5].map(() => schedules.take(aliceOid, 'messages.delta'))).toEqual([2300, 6000, 2300, 6000, 2300]);
    expect(schedules.take(aliceOid, 'mailFolders.list')).toBe(0);
    expect(schedules.snapshot()).toEqual([{ operation: 'messages.delta', delaysInMs: [2300, 6000], taken: 5 }]);
  });

  it('keeps the last delay with afterLast repeatLast', () => {
    const schedules = new LatencySchedules({ delaysInMs: [5000, 0], afterLast: 'repeatLast' });
    expect([1, 2, 3, 4].map(() => schedules.take(aliceOid, 'messages.get'))).toEqual([5000, 0, 0, 0]);
  });

  it('matches by user (oid or UPN), first schedule first, and a $batch envelope only when named', () => {
    const schedules = new LatencySchedules([
      { oid: 'bob@contoso.test', delaysInMs: [700] },
      { operation: 'batch', delaysInMs: [900] },
      { delaysInMs: [100] },
    ]);
    expect(schedules.take(bobOid, 'mailFolders.get')).toBe(700);
    // A schedule naming no operation never delays a `$batch` envelope, only its items.
    expect(schedules.take(bobOid, 'batch')).toBe(900);
    expect(schedules.take(aliceOid, 'batch')).toBe(900);
    expect(schedules.take(aliceOid, 'mailFolders.get')).toBe(100);
  });

  it('refuses malformed schedules with a RangeError and keeps the ones in force', () => {
    const schedules = new LatencySchedules({ delaysInMs: [10] });
    for (const bad of [{ delaysInMs: [] }, { delaysInMs: [-1] }, { delaysInMs: [Number.NaN] }, { delaysInMs: '5' }, { delaysInMs: [1], afterLast: 'never' }, 42]) {
      expect(() => schedules.replace(bad as never)).toThrow(RangeError);
    }
    expect(schedules.take(aliceOid, 'me.get')).toBe(10);
    schedules.replace(null);
    expect(schedules.take(aliceOid, 'me.get')).toBe(0);
  });
});

interface PendingSleep {
  delayInMs: number;
  resolve(): void;
  aborted: boolean;
}

/** The simulator's clock with sleeps the test ends by hand; `now` stays real so tokens verify. */
function createManualClock(): Clock & { sleeps: PendingSleep[] } {
  const sleeps: PendingSleep[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: (delayInMs, signal) =>
      new Promise<void>((resolve, reject) => {
        const pending: PendingSleep = { delayInMs, resolve, aborted: false };
        sleeps.push(pending);
        signal?.addEventListener(
          'abort',
          () => {
            pending.aborted = true;
            reject(signal.reason);
          },
          { once: true },
        );
      }),
  };
}

/** Lets the simulator and the client run (I/O, token signing) until `condition` holds; asserts nothing about time. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('until: condition never held');
}

describe('graphSim latency schedule', () => {
  let h: GraphSimHarness;
  let clock: ReturnType<typeof createManualClock>;
  afterEach(() => h.close());

  it('holds delta pages 2.3 s and 6 s in turn on the simulator clock, and nothing else', async () => {
    clock = createManualClock();
    h = await startGraphSim({ mailboxes: smallMailboxes, clock, latencyScheduleInMs: { operation: 'messages.delta', delaysInMs: [2300, 6000] } });
    expect((await h.get('/me/mailFolders/inbox')).status).toBe(200);
    expect(clock.sleeps).toHaveLength(0);

    const waited: number[] = [];
    let link = '/me/mailFolders/inbox/messages/delta';
    for (let page = 0; page < 3; page++) {
      const answer = h.get(link, { headers: { Prefer: 'odata.maxpagesize=10' } });
      await until(() => clock.sleeps.length === page + 1);
      waited.push(clock.sleeps[page]!.delayInMs);
      clock.sleeps[page]!.resolve();
      const { status, body } = await answer;
      expect(status).toBe(200);
      link = body['@odata.nextLink'] ?? body['@odata.deltaLink'];
    }
    expect(waited).toEqual([2300, 6000, 2300]);
  });

  it('changes at run time through state.setLatencySchedule, per user and for batch items', async () => {
    clock = createManualClock();
    h = await startGraphSim({ mailboxes: smallMailboxes, clock });
    h.sim.state.setLatencySchedule({ oid: 'bob@contoso.test', delaysInMs: [1500] });
    expect((await h.get('/me')).status).toBe(200);
    expect(clock.sleeps).toHaveLength(0);
    const bob = h.get('/me', { user: 'bob@contoso.test' });
    await until(() => clock.sleeps.length === 1);
    expect(clock.sleeps[0]!.delayInMs).toBe(1500);
    clock.sleeps[0]!.resolve();
    expect((await bob).status).toBe(200);

    h.sim.state.setLatencySchedule({ operation: 'mailFolders.get', delaysInMs: [40] });
    const batch = h.call('POST', '/$batch', {
      body: { requests: [{ id: '1', method: 'GET', url: '/me/mailFolders/inbox' }, { id: '2', method: 'GET', url: '/me/mailFolders/drafts' }] },
    });
    await until(() => clock.sleeps.length === 3);
    expect(clock.sleeps.slice(1).map((s) => s.delayInMs)).toEqual([40, 40]);
    clock.sleeps.slice(1).forEach((s) => s.resolve());
    expect((await batch).body.responses.map((r: { status: number }) => r.status)).toEqual([200, 200]);

    h.sim.state.setLatencySchedule(undefined);
    expect((await h.get('/me/mailFolders/inbox', { user: 'bob@contoso.test' })).status).toBe(200);
    expect(clock.sleeps).toHaveLength(3);
  });

  it('gives the mailbox slot back when the client disconnects during the wait, and never runs the request', async () => {
    clock = createManualClock();
    h = await startGraphSim({ mailboxes: smallMailboxes, clock, maxInFlightPerMailbox: 1 });
    await h.get('/me'); // token signed and keys imported before the schedule starts counting
    h.sim.state.setLatencySchedule({ operation: 'mailFolders.update', delaysInMs: [60_000, 0] });
    const token = await h.token();
    const client = new AbortController();
    const inbox = h.sim.state.mailbox('alice@contoso.test')!.folders().find((f) => f.displayName === 'Inbox')!;
    const renamed = fetch(`${h.sim.url}/v1.0/me/mailFolders/inbox`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Never' }),
      signal: client.signal,
    });
    await until(() => clock.sleeps.length === 1);
    client.abort();
    await expect(renamed).rejects.toThrow();
    await until(() => clock.sleeps[0]!.aborted);

    // The one slot is free again at once, and the abandoned rename did not happen.
    const next = await h.get('/me/mailFolders/inbox');
    expect(next.status).toBe(200);
    expect(next.body.displayName).toBe(inbox.displayName);
    expect(h.sim.state.stats.throttled).toBe(0);
  });

  it('is read and replaced over the admin listener', async () => {
    clock = createManualClock();
    h = await startGraphSim({ mailboxes: smallMailboxes, clock, adminPort: 0 });
    const admin = `${h.sim.adminUrl!}/_sim/latency`;
    const put = (body: string) => fetch(admin, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    expect(await (await fetch(admin)).json()).toEqual([]);
    const set = await put(JSON.stringify([{ operation: 'me.get', delaysInMs: [2300, 6000], afterLast: 'repeatLast' }]));
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual([{ operation: 'me.get', delaysInMs: [2300, 6000], afterLast: 'repeatLast', taken: 0 }]);
    const me = h.get('/me');
    await until(() => clock.sleeps.length === 1);
    expect(clock.sleeps[0]!.delayInMs).toBe(2300);
    clock.sleeps[0]!.resolve();
    expect((await me).status).toBe(200);
    expect(((await (await fetch(admin)).json()) as Array<{ taken: number }>)[0]!.taken).toBe(1);
    expect((await put('{"delaysInMs": []}')).status).toBe(400);
    expect((await put('not json')).status).toBe(400);
    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(405);
    expect((await put('null')).status).toBe(200);
    expect(await (await fetch(admin)).json()).toEqual([]);
  });
});
