import { awkwardSentences, emojiPool, greetings, jobTitles, newsletterHeadings, shortReplies, signOffs } from './demoVocabulary';
import type { AttachmentRecord, ItemBody, Recipient } from '../graphTypes';
import type { Random } from '../random';
import { publicDomainEnglish, workplaceEnglish } from './englishProse';
import { fillSlots } from './fillSlots';
import { buildSentenceModel, buildWordModel, type ProseModel } from './markovProse';
import { otherLanguageSources, type LanguageSource } from './otherLanguages';
import { renderNewsletterHtml, renderOutlookHtml, type QuotedHeader } from './renderMailHtml';
import { sampleTextLength } from './textLengths';

/** The earlier message a reply quotes: its text form and header. */
export interface PriorMessage {
  text: string;
  from: Recipient;
  to: Recipient[];
  atInMs: number;
  subject: string;
}

export interface ComposeInput {
  kind: 'received' | 'sent' | 'draft' | 'junk' | 'newsletter';
  from: Recipient;
  to: Recipient[];
  subject: string;
  /** When replying: the thread's last message, quoted below the reply when it fits the length drawn. */
  prior?: PriorMessage;
  /** An inline image attachment: the body is HTML and shows it. */
  inline?: AttachmentRecord;
  /** Colleagues sign with a signature block more often than outsiders. */
  internal: boolean;
}

export interface ComposedBody {
  body: ItemBody;
  /** The plain text the body says (what a later reply quotes). */
  text: string;
}

/** Shares the generator draws with. UNVERIFIED: no public corpus gives them for today's mail. */
export const bodyShares = {
  /** Person-to-person mail composed as HTML (Outlook's default); newsletters and junk always are. */
  html: 0.6,
  otherLanguage: 0.08,
  awkwardSentence: 0.1,
  emoji: 0.12,
  signatureBlock: 0.35,
} as const;

let models: { english: ProseModel; other: { source: LanguageSource; model: ProseModel }[] } | undefined;

/** Built on first use; the workplace texts count twice so their register dominates. */
function proseModels() {
  models ??= {
    english: buildWordModel([...publicDomainEnglish, ...workplaceEnglish, ...workplaceEnglish]),
    other: otherLanguageSources.map((source) => ({ source, model: source.unit === 'word' ? buildWordModel([source.text]) : buildSentenceModel(source.text) })),
  };
  return models;
}

const firstName = (r: Recipient) => r.emailAddress.name.split(' ')[0] ?? r.emailAddress.name;
const named = (r: Recipient) => `${r.emailAddress.name} <${r.emailAddress.address}>`;

/**
 * A message body whose text form is as long as a draw from the Enron fit (textLengths.ts): greeting,
 * prose from a Markov model of real text, sign-off (and sometimes a signature block), and, in a
 * reply, the earlier message quoted below when it fits the length drawn.
 */
export function composeBody(random: Random, input: ComposeInput): ComposedBody {
  const length = sampleTextLength(random);
  if (input.kind === 'newsletter' || input.kind === 'junk') return composeNewsletter(random, input, length);
  const { english, other } = proseModels();
  const foreign = random.chance(bodyShares.otherLanguage) ? random.pick(other) : undefined;
  const model = foreign?.model ?? english;
  const recipient = input.to[0] ?? input.from;
  const head = random.chance(0.85) ? [(foreign ? `${foreign.source.greeting} ${firstName(recipient)}` : random.pick(greetings).replace('{first}', firstName(recipient))), ''] : [];
  const tail = ['', foreign ? foreign.source.signOff : random.pick(signOffs), firstName(input.from)];
  if (input.internal && random.chance(bodyShares.signatureBlock)) {
    tail.push(input.from.emailAddress.name, `${random.pick(jobTitles)} | Contoso Ltd.`, `+1 (425) 555-01${random.between(10, 99)}`);
  }
  const overhead = [...head, ...tail].join('\r\n').length + 2;
  const html = input.inline !== undefined || random.chance(bodyShares.html);
  const quote = input.prior && quoteFor(input.prior, html, random);
  const withQuote = quote !== undefined && overhead + quote.text.length + 40 <= length;
  const proseLength = length - overhead - (withQuote ? quote.text.length : 0);

  let lines: string[];
  if (proseLength < 40) {
    lines = [random.pick(shortReplies), ...(length > 30 ? tail.slice(1, 3) : [])];
  } else {
    const paragraphs = model.paragraphs(random, proseLength).map((p) => fillSlots(random, p));
    if (!foreign && random.chance(bodyShares.awkwardSentence)) paragraphs.splice(random.int(paragraphs.length + 1), 0, random.pick(awkwardSentences));
    if (random.chance(bodyShares.emoji)) paragraphs[paragraphs.length - 1] += ` ${random.pick(emojiPool)}`;
    lines = [...head, ...paragraphs.flatMap((p, i) => (i === 0 ? p.split('\n') : ['', ...p.split('\n')])), ...tail];
  }
  const text = lines.join('\r\n') + (withQuote ? quote.text : '');
  if (!html) return { body: { contentType: 'text', content: text }, text };
  const inline = input.inline?.contentId ? { contentId: input.inline.contentId, name: input.inline.name } : undefined;
  const content = renderOutlookHtml(lines, withQuote ? { header: quote.header, lines: input.prior!.text.split('\r\n') } : undefined, inline);
  return { body: { contentType: 'html', content }, text };
}

/** The earlier message as a reply shows it: Outlook's header block, or `On ..., X wrote:` and `> ` lines. */
function quoteFor(prior: PriorMessage, html: boolean, random: Random): { text: string; header: QuotedHeader } {
  const header: QuotedHeader = { from: named(prior.from), sent: formatSentDate(prior.atInMs), to: prior.to.map((r) => r.emailAddress.name).join('; '), subject: prior.subject };
  if (html || random.chance(0.6)) {
    const text = `\r\n\r\n________________________________\r\nFrom: ${header.from}\r\nSent: ${header.sent}\r\nTo: ${header.to}\r\nSubject: ${header.subject}\r\n\r\n${prior.text}`;
    return { text, header };
  }
  const quoted = prior.text.split('\r\n').map((line) => (line === '' ? '>' : `> ${line}`)).join('\r\n');
  return { text: `\r\n\r\nOn ${header.sent}, ${header.from} wrote:\r\n${quoted}`, header };
}

function composeNewsletter(random: Random, input: ComposeInput, length: number): ComposedBody {
  const { english } = proseModels();
  const footer = 220; // the text form of the view-in-browser line and the footer
  const sectionCount = Math.max(1, Math.min(4, Math.round(length / 900)));
  const perSection = Math.max(60, Math.round((length - footer) / sectionCount));
  const headings = random.shuffle(newsletterHeadings);
  const sections = Array.from({ length: sectionCount }, (_, i) => ({ heading: headings[i % headings.length]!, paragraphs: english.paragraphs(random, perSection).map((p) => fillSlots(random, p)) }));
  const domain = (input.from.emailAddress.address.split('@')[1] ?? 'example.test').toLowerCase();
  const content = renderNewsletterHtml(random, { senderName: input.from.emailAddress.name, domain, subject: input.subject, sections });
  const text = sections.map((s) => [s.heading, ...s.paragraphs].join('\r\n')).join('\r\n\r\n');
  return { body: { contentType: 'html', content }, text };
}

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Outlook's `Sent:` line, e.g. `Tuesday, March 3, 2026 9:15 AM` (UTC here). */
export function formatSentDate(atInMs: number): string {
  const d = new Date(atInMs);
  const hours = d.getUTCHours();
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  return `${weekdays[d.getUTCDay()]}, ${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}
