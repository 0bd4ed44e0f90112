import { idleBucket, planRelease, type BucketState, type LinkParams } from './linkScheduler';

/** The clock a link direction runs on: real timers in the bench, a fake one in tests. */
export interface LinkClock {
  now(): number;
  setTimer(callback: () => void, delayInMs: number): { cancel(): void };
}

export const systemLinkClock: LinkClock = {
  now: () => performance.now(),
  setTimer(callback, delayInMs) {
    const timer = setTimeout(callback, Math.max(0, delayInMs));
    return { cancel: () => clearTimeout(timer) };
  },
};

interface Pending {
  releaseAtInMs: number;
  run(): void;
}

/**
 * One direction of a link, shared by every connection on it: chunks are counted as they arrive,
 * cut to at most the burst, scheduled by planRelease and handed on unchanged, in order, when due.
 */
export class LinkDirection {
  /** Bytes that entered this direction (they leave unchanged). */
  bytes = 0;
  private bucket: BucketState;
  private readonly queue: Pending[] = [];
  private timer: { cancel(): void } | undefined;

  constructor(
    private params: LinkParams,
    private readonly clock: LinkClock,
  ) {
    this.bucket = idleBucket(params);
  }

  /** New parameters for what arrives from now on (the bench switches to loopback between runs). */
  setParams(params: LinkParams): void {
    this.params = params;
    this.bucket = idleBucket(params);
  }

  send(chunk: Buffer, deliver: (piece: Buffer) => void): void {
    this.bytes += chunk.length;
    const now = this.clock.now();
    for (let offset = 0; offset < chunk.length; offset += this.params.burstInBytes) {
      const piece = chunk.subarray(offset, offset + this.params.burstInBytes);
      const plan = planRelease(this.bucket, this.params, now, piece.length);
      this.bucket = plan.state;
      this.enqueue({ releaseAtInMs: plan.releaseAtInMs, run: () => deliver(piece) });
    }
  }

  /** The end of a stream (FIN) travels like data: after the delay, behind what was sent before it. */
  sendEnd(deliver: () => void): void {
    const plan = planRelease(this.bucket, this.params, this.clock.now(), 0);
    this.bucket = plan.state;
    this.enqueue({ releaseAtInMs: plan.releaseAtInMs, run: deliver });
  }

  close(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.queue.length = 0;
  }

  private enqueue(item: Pending): void {
    this.queue.push(item);
    if (!this.timer) this.arm();
  }

  private arm(): void {
    const head = this.queue[0];
    if (!head) return;
    this.timer = this.clock.setTimer(() => this.flush(), head.releaseAtInMs - this.clock.now());
  }

  private flush(): void {
    this.timer = undefined;
    const now = this.clock.now();
    while (this.queue.length > 0 && this.queue[0]!.releaseAtInMs <= now) this.queue.shift()!.run();
    this.arm();
  }
}
