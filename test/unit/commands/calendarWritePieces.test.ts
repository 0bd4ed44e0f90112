import { judgeAnswer, proposalProblem } from '../../../shared/commands/calendarRespond';
import { judgeDelete } from '../../../shared/commands/calendarDelete';
import { judgeStampedEvents } from '../../../shared/commands/calendarCreate';
import { eventHashPropertyId } from '../../../shared/commands/calendar/eventStamp';
import { toGraphEventFields } from '../../../shared/translate/toGraphEventFields';

/** The pure judgements of calendar/respond, calendar/delete and calendar/create (issue 18). */
describe('calendar/respond judgements', () => {
  const slot = { start: '2031-01-01T10:00:00Z', end: '2031-01-01T11:00:00Z' };
  it('proposedNewTime: only tentative/decline, with sendResponse, forward in time, where allowed', () => {
    expect(proposalProblem({ response: 'tentative', sendResponse: true, proposedNewTime: slot })).toBeUndefined();
    expect(proposalProblem({ response: 'accept', sendResponse: true, proposedNewTime: slot })).toMatch(/tentative/);
    expect(proposalProblem({ response: 'decline', sendResponse: false, proposedNewTime: slot })).toMatch(/sendResponse/);
    expect(proposalProblem({ response: 'decline', sendResponse: true, proposedNewTime: { start: slot.end, end: slot.start } })).toMatch(/after/);
    expect(proposalProblem({ response: 'decline', sendResponse: true, proposedNewTime: slot }, { id: 'x', allowNewTimeProposals: false })).toMatch(/allow/);
    expect(proposalProblem({ response: 'accept', sendResponse: false })).toBeUndefined();
  });
  it('organizer or cancelled: not_allowed; the same answer without a proposal: unchanged; else answer', () => {
    expect(judgeAnswer({ id: 'x', isOrganizer: true }, { response: 'accept' })).toBe('not_allowed');
    expect(judgeAnswer({ id: 'x', isCancelled: true }, { response: 'decline' })).toBe('not_allowed');
    expect(judgeAnswer({ id: 'x', responseStatus: { response: 'tentativelyAccepted' } }, { response: 'tentative' })).toBe('unchanged');
    expect(judgeAnswer({ id: 'x', responseStatus: { response: 'tentativelyAccepted' } }, { response: 'tentative', proposedNewTime: slot })).toBe('answer');
    expect(judgeAnswer({ id: 'x', responseStatus: { response: 'accepted' } }, { response: 'decline' })).toBe('answer');
  });
});

describe('calendar/delete judgement', () => {
  it.each([
    [{ isOrganizer: true, attendees: [{}] }, false, 'cancel'],
    [{ isOrganizer: true, attendees: [] }, false, 'delete'],
    [{ isOrganizer: true, attendees: [{}], isCancelled: true }, false, 'delete'],
    [{ isOrganizer: false, attendees: [{}] }, false, 'use_respond'],
    [{ isOrganizer: false, attendees: [{}] }, true, 'delete'],
    [{ isOrganizer: false, isCancelled: true }, false, 'delete'],
  ] as const)('%j silent %s: %s', (event, silent, verdict) => {
    expect(judgeDelete({ id: 'x', ...event } as never, silent)).toBe(verdict);
  });
});

describe('calendar/create pieces', () => {
  const stamp = { key: 'k', hash: 'h' };
  const stamped = (id: string, hash: string, created: string) => ({ id, createdDateTime: created, singleValueExtendedProperties: [{ id: eventHashPropertyId, value: hash }] });
  it('judges the look-up: none, reused, or this request\'s events oldest first', () => {
    expect(judgeStampedEvents([], stamp)).toEqual({ kind: 'none' });
    expect(judgeStampedEvents([stamped('a', 'other', '2031-01-01T00:00:00Z')], stamp)).toEqual({ kind: 'reused' });
    const made = judgeStampedEvents([stamped('b', 'h', '2031-01-01T00:00:02Z'), stamped('a', 'h', '2031-01-01T00:00:01Z')], stamp);
    expect(made.kind === 'made' && made.events.map((e) => e.id)).toEqual(['a', 'b']);
  });
  it('writes times as wall times of the event zone under its Windows name; all-day as midnights; the reminder both ways', () => {
    const timed = toGraphEventFields({ subject: 's', start: '2031-03-10T09:00:00+01:00', end: '2031-03-10T08:30:00Z', reminderMinutes: null }, 'Europe/Berlin');
    expect(timed).toMatchObject({ start: { dateTime: '2031-03-10T09:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2031-03-10T09:30:00', timeZone: 'W. Europe Standard Time' }, isReminderOn: false });
    const allDay = toGraphEventFields({ subject: 's', start: '2031-03-10', end: '2031-03-11', allDay: true, reminderMinutes: 30 }, 'UTC');
    expect(allDay).toMatchObject({ start: { dateTime: '2031-03-10T00:00:00', timeZone: 'UTC' }, isAllDay: true, isReminderOn: true, reminderMinutesBeforeStart: 30 });
  });
});
