import { convertBody } from '../../../core/bodyConversion';
import { GraphError } from '../../../core/graphError';
import type { MessageRecord } from '../mailboxTypes';

/**
 * The KQL subset of `$search` on messages the simulator takes
 * (https://learn.microsoft.com/graph/search-query-parameter#using-search-on-message-collections):
 * the whole value in double quotes with inner quotes as `\"`; clauses `"words"`, `from:"…"`, `to:"…"`,
 * `subject:"…"`, `hasAttachments:true`, `received>=YYYY-MM-DD`, `received<=YYYY-MM-DD`, joined by
 * `AND` or by nothing (implicit AND). Graph takes far more (OR, NOT, bare words, other properties);
 * anything outside the subset is a 400 here, so a builder that strays fails tests rather than
 * searching for something else. UNVERIFIED: the escaped inner quote (reported, not documented), and
 * `hasAttachments` (the docs' example) rather than `hasAttachment` (the docs' property table).
 */
export type KqlClause =
  | { kind: 'term'; field?: 'from' | 'to' | 'subject'; value: string }
  | { kind: 'hasAttachments' }
  | { kind: 'received'; op: '>=' | '<='; day: string };

// UNVERIFIED: Graph's code and message for a $search it cannot parse.
function badSearch(): GraphError {
  return new GraphError(400, 'BadRequest', 'Syntax error: the $search query is not valid.');
}

const clausePatterns: ReadonlyArray<[RegExp, (m: RegExpExecArray) => KqlClause]> = [
  [/^(from|to|subject):"([^"]+)"/i, (m) => ({ kind: 'term', field: m[1]!.toLowerCase() as 'from' | 'to' | 'subject', value: m[2]! })],
  [/^"([^"]+)"/, (m) => ({ kind: 'term', value: m[1]! })],
  [/^hasAttachments:true(?![^\s])/i, () => ({ kind: 'hasAttachments' })],
  [/^received(>=|<=)(\d{4}-\d{2}-\d{2})(?![^\s])/i, (m) => ({ kind: 'received', op: m[1] as '>=' | '<=', day: m[2]! })],
];

/** Parses a `$search` value (as decoded from the URL) into its clauses; 400 for anything outside the subset. */
export function parseSearchParameter(raw: string): KqlClause[] {
  const outer = /^"((?:[^"\\]|\\")*)"$/s.exec(raw.trim());
  if (!outer) throw badSearch();
  let rest = outer[1]!.replace(/\\"/g, '"');
  const clauses: KqlClause[] = [];
  let expectClause = true;
  for (rest = rest.trimStart(); rest.length > 0; rest = rest.trimStart()) {
    const and = /^AND(?=\s|$)/.exec(rest);
    if (and) {
      if (expectClause) throw badSearch();
      expectClause = true;
      rest = rest.slice(3);
      continue;
    }
    const found = clausePatterns.map(([pattern, toClause]) => [pattern.exec(rest), toClause] as const).find(([match]) => match);
    if (!found) throw badSearch();
    const [match, toClause] = found;
    const clause = toClause(match!);
    if (clause.kind === 'received' && Number.isNaN(Date.parse(`${clause.day}T00:00:00Z`))) throw badSearch();
    clauses.push(clause);
    expectClause = false;
    rest = rest.slice(match![0].length);
    if (rest.length > 0 && !/^\s/.test(rest)) throw badSearch();
  }
  if (clauses.length === 0 || expectClause) throw badSearch();
  return clauses;
}

/** Lower-cased words (letters and digits) of a text. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The term's words appear in order, next to each other (each a word prefix with `wordPrefix`). */
function containsTerm(haystack: string[], needle: string[], wordPrefix: boolean): boolean {
  if (needle.length === 0) return false;
  const same = (word: string, want: string) => (wordPrefix ? word.startsWith(want) : word === want);
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((want, index) => same(haystack[start + index]!, want))) return true;
  }
  return false;
}

const dayInMs = 24 * 60 * 60 * 1000;

/** Does the message match every clause? Days are UTC (UNVERIFIED: Exchange may use the mailbox's zone). */
export function matchesSearch(message: MessageRecord, clauses: readonly KqlClause[], wordPrefix: boolean): boolean {
  const addressWords = (r: { emailAddress?: { name?: string; address?: string } } | null | undefined) => wordsOf(`${r?.emailAddress?.name ?? ''} ${r?.emailAddress?.address ?? ''}`);
  return clauses.every((clause) => {
    switch (clause.kind) {
      case 'hasAttachments':
        return message.attachments.some((a) => !a.isInline);
      case 'received': {
        const start = Date.parse(`${clause.day}T00:00:00Z`);
        const received = Date.parse(message.receivedDateTime);
        return clause.op === '>=' ? received >= start : received < start + dayInMs;
      }
      case 'term': {
        const needle = wordsOf(clause.value);
        const fields: string[][] =
          clause.field === 'from' ? [addressWords(message.from)]
          : clause.field === 'to' ? message.toRecipients.map(addressWords)
          : clause.field === 'subject' ? [wordsOf(message.subject)]
          : [addressWords(message.from), wordsOf(message.subject), wordsOf(convertBody(message.body, 'text').content)];
        return fields.some((haystack) => containsTerm(haystack, needle, wordPrefix));
      }
    }
  });
}
