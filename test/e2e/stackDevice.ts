import type { Stack } from '../helpers/startStack';
import { ReferenceDevice, type AnswerRecord, type CalendarWindowChoice, type SyncAnswerRecord } from '../device/referenceDevice';
import type { Event } from '../../shared/protocol/schemas/calendar';
import type { SyncAnswer } from '../device/syncReplica';
import type { Folder } from '../../shared/protocol/schemas/folders';
import type { BodyPreference, Message } from '../../shared/protocol/schemas/mail';

/**
 * The reference device on an e2e stack, as a user's phone: it syncs through the device rule table.
 * Every state it receives joins `stack.secrets` (close() searches the logs for them, as for
 * stack.call's). The sync helpers return the answers of that sync, in order, and fail the test when
 * any HTTP answer of it was not a 200: without faults, a device sees nothing else.
 */
export interface StackDevice {
  device: ReferenceDevice;
  /** device.syncFolders(): folders/sync until `more: false`. */
  syncFolders(): Promise<SyncAnswer<Folder>[]>;
  /** device.syncMail(): mail/sync of one folder until `more: false`. */
  syncMail(folderId: string, options?: { window?: number; body?: BodyPreference; since?: string; maxCalls?: number }): Promise<SyncAnswer<Message>[]>;
  /** device.syncMailOnce(): one mail/sync page of one folder (a round the test need not finish). */
  syncMailOnce(folderId: string, options?: { window?: number; body?: BodyPreference; since?: string }): Promise<SyncAnswer<Message>>;
  /** device.syncCalendar(): calendar/sync until `more: false` (the window named on the first call). */
  syncCalendar(choice?: CalendarWindowChoice, options?: { window?: number; maxCalls?: number }): Promise<SyncAnswer<Event>[]>;
}

export function stackDevice(stack: Stack, token: string): StackDevice {
  const answers: AnswerRecord[] = [];
  const synced: SyncAnswerRecord[] = [];
  const device = new ReferenceDevice({
    hostUrl: stack.hostUrl,
    getToken: async () => token,
    onAnswer: (record) => answers.push(record),
    onSyncAnswer: (record) => {
      stack.secrets.add(record.answer.state);
      synced.push(record);
    },
  });
  const during = async (run: () => Promise<unknown>): Promise<SyncAnswerRecord[]> => {
    const [fromAnswer, fromSynced] = [answers.length, synced.length];
    await run();
    expect(answers.slice(fromAnswer).map((a) => `${a.command} ${a.status} ${a.code ?? ''}`.trim())).toEqual(answers.slice(fromAnswer).map((a) => `${a.command} 200`));
    return synced.slice(fromSynced);
  };
  return {
    device,
    async syncFolders() {
      const records = await during(() => device.syncFolders());
      return records.flatMap((r) => (r.collection === 'folders' ? [r.answer] : []));
    },
    async syncMail(folderId, options = {}) {
      const records = await during(() => device.syncMail(folderId, options));
      return records.flatMap((r) => (r.collection === 'mail' && r.folderId === folderId ? [r.answer] : []));
    },
    async syncCalendar(choice, options = {}) {
      const records = await during(() => device.syncCalendar(choice, options));
      return records.flatMap((r) => (r.collection === 'calendar' ? [r.answer] : []));
    },
    async syncMailOnce(folderId, options = {}) {
      const records = await during(() => device.syncMailOnce(folderId, options));
      expect(records).toHaveLength(1);
      return records[0]!.answer as SyncAnswer<Message>;
    },
  };
}
