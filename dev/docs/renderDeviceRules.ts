import { allErrorCodes } from '../../shared/protocol/errorCodes';
import { answerStatus, deviceRules, type AnswerCode } from '../../shared/protocol/deviceRules';

/** docs/device-api.md's table of what a device does with each answer, from shared/protocol/deviceRules.ts. */
export function renderDeviceRules(): string {
  const order: AnswerCode[] = ['ok', 'pending', ...allErrorCodes, 'no_answer'];
  const rows = order.map((code) => {
    const status = answerStatus(code);
    const shownStatus = status === 'none' ? 'no answer' : String(status);
    const shownCode = code === 'ok' || code === 'no_answer' ? '' : `\`${code}\``;
    return `| ${shownStatus} | ${shownCode} | ${deviceRules[code].text.replace(/\|/g, '\\|')} |`;
  });
  return ['| answer | code | what the device does |', '|---|---|---|', ...rows].join('\n');
}
