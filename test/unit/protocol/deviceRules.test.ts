import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answerStatus, deviceRuleFor, deviceRules, nonErrorAnswers, type AnswerCode } from '../../../shared/protocol/deviceRules';
import { allErrorCodes, errorCodes } from '../../../shared/protocol/errorCodes';
import { renderDeviceRules } from '../../../dev/docs/renderDeviceRules';

/** Codes of the table that have no rule, and rules for codes that do not exist: both must be empty. */
function tableGaps(codes: readonly string[], rules: Readonly<Record<string, unknown>>): { withoutRule: string[]; withoutCode: string[] } {
  const known = new Set([...codes, ...Object.keys(nonErrorAnswers)]);
  return {
    withoutRule: [...known].filter((code) => !Object.hasOwn(rules, code)),
    withoutCode: Object.keys(rules).filter((code) => !known.has(code)),
  };
}

describe('device rules', () => {
  it('has one rule for every error code and every non-error answer, and none for anything else', () => {
    expect(tableGaps(allErrorCodes, deviceRules)).toEqual({ withoutRule: [], withoutCode: [] });
  });

  it('fails on a code without a rule (the check above can fail)', () => {
    const { ok: _ok, ...missingOk } = deviceRules;
    expect(tableGaps([...allErrorCodes, 'brand_new_code'], missingOk)).toEqual({ withoutRule: ['brand_new_code', 'ok'], withoutCode: [] });
  });

  it.each(allErrorCodes)('%s: the rule is found by status and code', (code) => {
    expect(deviceRuleFor(errorCodes[code].status, code)).toBe(deviceRules[code]);
  });

  it('finds the non-error rules and refuses unknown or mismatched codes', () => {
    expect(deviceRuleFor(200)).toBe(deviceRules.ok);
    expect(deviceRuleFor(202, 'pending')).toBe(deviceRules.pending);
    expect(deviceRuleFor('none')).toBe(deviceRules.no_answer);
    expect(deviceRuleFor(409, 'nonsense')).toBeUndefined();
    expect(deviceRuleFor(500, 'throttled')).toBeUndefined();
    expect(deviceRuleFor(404)).toBeUndefined();
  });

  it.each([
    ['throttled', 'wait_retry_after'],
    ['upstream_unavailable', 'wait_retry_after'],
    ['internal_error', 'backoff'],
    ['upstream_error', 'backoff'],
    ['outcome_unknown', 'repeat_same'],
    ['no_answer', 'repeat_same'],
    ['pending', 'poll_send'],
    ['send_in_progress', 'poll_send'],
    ['sync_state_invalid', 'restart_collection'],
    ['search_state_invalid', 'search_again'],
    ['upload_state_invalid', 'restart_upload'],
    ['folder_not_found', 'drop_collection'],
    ['not_found', 'drop_item'],
    ['unknown_command', 'report_newer_app'],
    ['unauthorized', 'refresh_token'],
    ['consent_required', 'sign_in_with_claims'],
    ['forbidden', 'show_user'],
    ['send_stuck', 'show_user'],
    ['not_allowed', 'show_user'],
    ['range_not_satisfiable', 'download_without_range'],
    ['bad_request', 'report_bug'],
    ['method_not_allowed', 'report_bug'],
    ['payload_too_large', 'report_bug'],
    ['unsupported_media_type', 'report_bug'],
    ['idempotency_key_reused', 'report_bug'],
  ] as const)('%s -> %s (the issue\'s table)', (code, action) => {
    expect(deviceRules[code as AnswerCode].action).toBe(action);
  });

  it('statuses of the new codes', () => {
    expect(['outcome_unknown', 'send_in_progress', 'send_stuck', 'search_state_invalid', 'upload_state_invalid', 'range_not_satisfiable', 'idempotency_key_reused', 'not_allowed'].map((code) => answerStatus(code as AnswerCode))).toEqual([
      502, 409, 409, 410, 410, 416, 409, 409,
    ]);
    expect(answerStatus('pending')).toBe(202);
  });

  it('docs/device-api.md carries the generated table with a row per answer', () => {
    const doc = readFileSync(path.join(__dirname, '../../../docs/device-api.md'), 'utf8');
    const table = renderDeviceRules();
    expect(doc).toContain(`<!-- generated:device-rules -->\n${table}\n<!-- /generated:device-rules -->`);
    for (const code of allErrorCodes) expect(table).toContain(`| \`${code}\` |`);
    expect(table).toContain('| 202 | `pending` |');
    expect(table).toContain('| no answer |');
  });
});
