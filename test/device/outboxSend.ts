import { DeviceStopped, type ReferenceDevice } from './referenceDevice';

export interface OutboxResult {
  draftId: string;
  /** mail/send's final status. */
  status: 'submitted' | 'already_sent';
  /** The user was asked after `send_stuck` and said to send anyway. */
  forced: boolean;
}

/**
 * What a phone's outbox does with one message, by docs/device-api.md: `mail/draft` (repeated by the
 * rules with the same clientMessageId), then `mail/send {draftId}` following `pending` until 200. On
 * `send_stuck` the device asks the user; this user says "send anyway" once (`force: true`).
 */
export async function draftAndSend(device: ReferenceDevice, draft: Record<string, unknown>, options: { beforeSend?: () => void } = {}): Promise<OutboxResult> {
  const drafted = await device.command<{ draftId: string; status: string }>('mail/draft', draft);
  if (drafted.kind !== 'ok') throw new Error(`mail/draft ended with ${drafted.action} ${drafted.code}`);
  const { draftId } = drafted.body;
  options.beforeSend?.();
  const send = async (force: boolean) => {
    const sent = await device.command<{ status: 'submitted' | 'already_sent' }>('mail/send', force ? { draftId, force } : { draftId });
    if (sent.kind !== 'ok') throw new Error(`mail/send ended with ${sent.action} ${sent.code}`);
    return sent.body.status;
  };
  try {
    return { draftId, status: await send(false), forced: false };
  } catch (error) {
    if (!(error instanceof DeviceStopped) || error.code !== 'send_stuck') throw error;
    return { draftId, status: await send(true), forced: true };
  }
}
