import { LinkDirection, type LinkClock } from '../../../bench/link/linkDirection';
import { idleBucket, linkParams, planRelease } from '../../../bench/link/linkScheduler';

/** A link clock whose time moves only when the test says; timers fire in due order. */
function createManualClock() {
  let now = 0;
  const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  const clock: LinkClock & { advanceTo(t: number): void } = {
    now: () => now,
    setTimer(callback, delayInMs) {
      const timer = { at: now + Math.max(0, delayInMs), callback, cancelled: false };
      timers.push(timer);
      return { cancel: () => void (timer.cancelled = true) };
    },
    advanceTo(t) {
      for (;;) {
        const due = timers.filter((x) => !x.cancelled && x.at <= t).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers.splice(timers.indexOf(due), 1);
        now = due.at;
        due.callback();
      }
      now = t;
    },
  };
  return clock;
}

describe('link scheduler (pure)', () => {
  // 100 ms RTT, 5 Mbit/s: 50 ms one way, 625 bytes per ms, a 16 KB bucket.
  const params = linkParams(100, 5);

  it('converts the bench units: RTT/2 one way, Mbit/s to bytes per ms, 16 KB deep', () => {
    expect(params).toEqual({ oneWayDelayInMs: 50, bytesPerMs: 625, burstInBytes: 16384 });
    expect(linkParams(5, Number.POSITIVE_INFINITY).bytesPerMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('releases a chunk on an idle link after RTT/2, the burst paying for it', () => {
    const { releaseAtInMs, state } = planRelease(idleBucket(params), params, 1000, 10_000);
    expect(releaseAtInMs).toBe(1050);
    expect(state.tokens).toBe(16384 - 10_000);
  });

  it('past the burst, releases at the rate: 625 bytes per ms at 5 Mbit/s', () => {
    let state = idleBucket(params);
    const releases: number[] = [];
    for (let i = 0; i < 4; i++) {
      const plan = planRelease(state, params, 0, 16384);
      releases.push(plan.releaseAtInMs);
      state = plan.state;
    }
    // The first is paid by the full bucket; each next one waits 16384 / 625 ms for its tokens.
    expect(releases[0]).toBe(50);
    for (let i = 1; i < 4; i++) expect(releases[i]! - releases[i - 1]!).toBeCloseTo(16384 / 625, 9);
  });

  it('keeps arrival order and lets the bucket refill while the link is idle', () => {
    const first = planRelease(idleBucket(params), params, 0, 16384);
    // 100 ms later the bucket is full again: no wait beyond the delay.
    const later = planRelease(first.state, params, 100, 16384);
    expect(later.releaseAtInMs).toBe(150);
    // 10 ms after the first, the bucket has 6250 bytes back at 60 ms; the rest comes at the rate.
    const second = planRelease(first.state, params, 10, 16384);
    expect(second.releaseAtInMs).toBeCloseTo(60 + (16384 - 6250) / 625, 9);
    // A one-byte chunk right behind it never overtakes it.
    const behind = planRelease(second.state, params, 11, 1);
    expect(behind.releaseAtInMs).toBeGreaterThanOrEqual(second.releaseAtInMs);
  });

  it('with no rate limit only the delay applies (the in-region link)', () => {
    const region = linkParams(5, Number.POSITIVE_INFINITY);
    const plan = planRelease(idleBucket(region), region, 7, 10_000_000);
    expect(plan.releaseAtInMs).toBe(9.5);
  });
});

describe('link direction (injected clock)', () => {
  it('hands on every byte unchanged and in order, at the planned times, and counts them', () => {
    const clock = createManualClock();
    const direction = new LinkDirection(linkParams(100, 5), clock);
    const received: { at: number; bytes: Buffer }[] = [];
    const payload = Buffer.from(Array.from({ length: 40_000 }, (_, i) => i % 251));
    direction.send(payload, (piece) => received.push({ at: clock.now(), bytes: Buffer.from(piece) }));
    direction.sendEnd(() => received.push({ at: clock.now(), bytes: Buffer.alloc(0) }));

    clock.advanceTo(49);
    expect(received).toHaveLength(0); // nothing before RTT/2
    clock.advanceTo(1000);
    expect(Buffer.concat(received.map((r) => r.bytes)).equals(payload)).toBe(true);
    expect(direction.bytes).toBe(40_000);
    // Cut at the burst: 16384 + 16384 + 7232; the first at 50 ms, the rest at 625 bytes per ms.
    expect(received.map((r) => r.bytes.length)).toEqual([16384, 16384, 7232, 0]);
    expect(received[0]!.at).toBe(50);
    expect(received[1]!.at).toBeCloseTo(50 + 16384 / 625, 9);
    expect(received[2]!.at).toBeCloseTo(50 + (16384 + 7232) / 625, 9);
    expect(received[3]!.at).toBe(received[2]!.at); // the end travels right behind the data
  });

  it('is shared by every connection of a link: one bucket, one order', () => {
    const clock = createManualClock();
    const direction = new LinkDirection(linkParams(100, 5), clock);
    const order: string[] = [];
    direction.send(Buffer.alloc(16384), () => order.push(`a@${clock.now()}`));
    direction.send(Buffer.alloc(16384), () => order.push(`b@${clock.now()}`));
    clock.advanceTo(1000);
    expect(order[0]).toBe('a@50');
    expect(order[1]).toMatch(/^b@/);
    expect(Number(order[1]!.slice(2))).toBeCloseTo(50 + 16384 / 625, 9);
  });
});

describe('shaping proxy (loopback, no delay)', () => {
  it('passes every byte unchanged both ways and counts them', async () => {
    const net = await import('node:net');
    const { startShapingProxy } = await import('../../../bench/link/shapingProxy');
    const open = new Set<import('node:net').Socket>();
    const echo = net.createServer((socket) => {
      open.add(socket);
      socket.pipe(socket);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const proxy = await startShapingProxy({ targetPort: (echo.address() as import('node:net').AddressInfo).port, params: linkParams(0, Number.POSITIVE_INFINITY) });
    try {
      const payload = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256));
      const socket = net.connect(Number(new URL(proxy.url).port), '127.0.0.1');
      const received: Buffer[] = [];
      const done = new Promise<void>((resolve) => socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        if (Buffer.concat(received).length >= payload.length) resolve();
      }));
      socket.end(payload);
      await done;
      await new Promise((resolve) => socket.once('close', resolve)); // the echo's FIN came back through the link too
      socket.destroy();
      expect(Buffer.concat(received).equals(payload)).toBe(true);
      expect(proxy.counters()).toEqual({ up: payload.length, down: payload.length });
    } finally {
      await proxy.close();
      for (const socket of open) socket.destroy();
      echo.close();
    }
  });
});
