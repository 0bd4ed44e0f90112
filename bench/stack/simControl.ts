import type { ChildProcess } from 'node:child_process';
import type { GraphSimStats } from '../../dev/graphSim/core/simStats';
import type { MailboxSpec } from '../../dev/graphSim/resources/mail/demoMailboxes';

/** What the bench asks of the simulator process it started (over IPC; the bench's own control line). */
export type SimCommand =
  | { op: 'stats' }
  | { op: 'replaceMailbox'; spec: MailboxSpec }
  | { op: 'setFlags'; flags: { partialUpdates?: boolean; shortPages?: boolean } }
  | { op: 'arrive'; user: string; count: number; seed: number }
  | { op: 'arriveFile'; user: string; byteLength: number }
  | { op: 'uploadUrl' }
  | { op: 'busyCalendar'; user: string; seed: number; fromDay: number; toDay: number };

export interface SimRequestMessage {
  id: number;
  command: SimCommand;
}

export type SimReplyMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface SimControl {
  stats(): Promise<GraphSimStats>;
  replaceMailbox(spec: MailboxSpec): Promise<void>;
  setFlags(flags: { partialUpdates?: boolean; shortPages?: boolean }): Promise<void>;
  /** New messages in the user's Inbox, as if delivered; returns their ids. */
  arrive(user: string, count: number, seed: number): Promise<string[]>;
  /** A new Inbox message with one generated file of `byteLength` bytes (made as it is read); its ids. */
  arriveFile(user: string, byteLength: number): Promise<{ messageId: string; attachmentId: string }>;
  /** The simulator's upload origin (upload session URLs). */
  uploadUrl(): Promise<string>;
  /** Adds a working user's meetings (bench/stack/busyCalendar.ts) to the user's calendar; their count. */
  busyCalendar(user: string, seed: number, fromDay: number, toDay: number): Promise<number>;
}

/** The parent's side of the control line to dist/bench/stack/benchSimulator.js. */
export function createSimControl(child: ChildProcess): SimControl {
  let next = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: SimReplyMessage) => {
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.ok) entry.resolve(message.result);
    else entry.reject(new Error(`simulator: ${message.error}`));
  });
  child.once('exit', () => {
    for (const entry of waiting.values()) entry.reject(new Error('simulator exited'));
    waiting.clear();
  });
  const ask = <T>(command: SimCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, command } satisfies SimRequestMessage);
    });
  return {
    stats: () => ask<GraphSimStats>({ op: 'stats' }),
    replaceMailbox: (spec) => ask<void>({ op: 'replaceMailbox', spec }),
    setFlags: (flags) => ask<void>({ op: 'setFlags', flags }),
    arrive: (user, count, seed) => ask<string[]>({ op: 'arrive', user, count, seed }),
    arriveFile: (user, byteLength) => ask<{ messageId: string; attachmentId: string }>({ op: 'arriveFile', user, byteLength }),
    uploadUrl: () => ask<string>({ op: 'uploadUrl' }),
    busyCalendar: (user, seed, fromDay, toDay) => ask<number>({ op: 'busyCalendar', user, seed, fromDay, toDay }),
  };
}
