import { DeviceStopped, type ReferenceDevice } from './referenceDevice';

export interface OutboxResult {
  draftId: string;
  /** mail/send's final status. */
  status: 'submitted' | 'already_sent';
  /** How often the user was asked after `send_stuck` and said to send anyway. */
  forced: number;
}

/**
 * What a phone's outbox does with one message, by docs/device-api.md: `mail/draft` (repeated by the
 * rules with the same clientMessageId), then `mail/send {draftId}` following `pending` until 200. On
 * `send_stuck` the device asks the user; this user says "send anyway" (`force: true`), up to
 * `maxForces` times (a forced try whose `/send` is lost again can end stuck again).
 */
export async function draftAndSend(device: ReferenceDevice, draft: Record<string, unknown>, options: { beforeSend?: () => void; maxForces?: number } = {}): Promise<OutboxResult> {
  const drafted = await device.command<{ draftId: string; status: string }>('mail/draft', draft);
  if (drafted.kind !== 'ok') throw new Error(`mail/draft ended with ${drafted.action} ${drafted.code}`);
  const { draftId } = drafted.body;
  options.beforeSend?.();
  const send = async (force: boolean) => {
    const sent = await device.command<{ status: 'submitted' | 'already_sent' }>('mail/send', force ? { draftId, force } : { draftId });
    if (sent.kind !== 'ok') throw new Error(`mail/send ended with ${sent.action} ${sent.code}`);
    return sent.body.status;
  };
  for (let forced = 0; ; forced++) {
    try {
      return { draftId, status: await send(forced > 0), forced };
    } catch (error) {
      if (!(error instanceof DeviceStopped) || error.code !== 'send_stuck' || forced >= (options.maxForces ?? 3)) throw error;
    }
  }
}
