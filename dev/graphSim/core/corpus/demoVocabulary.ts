import type { EmailAddress } from '../graphTypes';

/**
 * Names, subjects and fixed phrases the demo-mailbox generator draws from; the prose of the bodies
 * comes from corpus/ (a Markov model of real text, lengths fitted to the Enron corpus). Deliberately
 * awkward in places: non-ASCII names, emoji and other non-BMP characters, combining marks
 * (`e` + U+0301), `&` and `<` that must be escaped in HTML, long subjects, external senders and
 * no-reply robots.
 */
export const colleagues: EmailAddress[] = [
  { name: 'Megan Bowen', address: 'meganb@contoso.test' },
  { name: 'Adele Vance', address: 'adelev@contoso.test' },
  { name: 'Lee Gu', address: 'leeg@contoso.test' },
  { name: 'Nestor Wilke', address: 'nestorw@contoso.test' },
  { name: 'Patti Fernandez', address: 'pattif@contoso.test' },
  { name: 'Zoë Ångström', address: 'zoe.angstrom@contoso.test' },
  { name: 'José Müller', address: 'jose.muller@contoso.test' },
  { name: 'Irvin Sayers', address: 'irvins@contoso.test' },
  { name: 'Henrietta Mueller', address: 'henriettam@contoso.test' },
  { name: '李雷', address: 'li.lei@contoso.test' },
];

export const externals: EmailAddress[] = [
  { name: 'Dana Swope', address: 'danas@fabrikam.test' },
  { name: 'Ørjan Nåvik', address: 'orjan@northwind.example' },
  { name: 'Renée Côté', address: 'renee.cote@tailspintoys.example' },
  { name: 'Samantha Booth', address: 'samanthab@adventure-works.example' },
  { name: 'Elliot Hyde', address: 'elliot-hyde@tailspintoys.example' },
  { name: 'Contoso Coffee', address: 'receipts@contosocoffee.example' },
  { name: 'Northwind Airlines', address: 'no-reply@northwindair.example' },
  { name: 'The Weekly Byte', address: 'newsletter@weeklybyte.example' },
  { name: 'Margie\'s Travel', address: 'bookings@margiestravel.example' },
  { name: 'GitHub', address: 'notifications@github.example' },
];

export const topics = [
  'Q3 budget review',
  'Project Falcon kickoff',
  'Design review: new onboarding flow',
  'Offsite agenda 🚀',
  'Café order for Friday ☕',
  'Re\u0301sume\u0301 feedback (combining accents)',
  'Contract renewal — Fabrikam & Northwind',
  'Weekly status <draft>',
  'Lunch?',
  'Server migration window 02:00–04:00 UTC',
  'Invoice #4471 overdue',
  'Photos from the team day 📸🎉',
  'Math notes: 𝒳 ∈ ℝ and other non-BMP glyphs',
  'Holiday hours update',
  'Security training reminder',
  'A very long subject line that keeps going well past the point where any reasonable phone screen would truncate it in the list view, just to be sure',
  'Quarterly numbers (confidential)',
  'Ticket 1234: sync stops after 500 items',
] as const;

export const newsletterSubjects = ['The Weekly Byte #112: Rust, WASM & you', 'Your flight to Oslo ✈️ is confirmed', 'Receipt for your order at Contoso Coffee', 'Price drop alert 🔔', '[contoso/ferry] New issue opened'];

/**
 * Awkward sentences a share of bodies carries besides their prose: emoji sequences (ZWJ, skin tone,
 * flags), combining marks, `&` and `<` that HTML must escape, and an embedded list.
 */
export const awkwardSentences = [
  'Let me know if 3 < 5 still holds after the change 😉.',
  'Zoë will join us from Zürich; Renée from Montréal.',
  'The café on the 3rd floor reopens Monday ☕🥐.',
  'I think we should ship it & fix the rest in the next sprint.',
  'Here is the agenda:\n1. Intro\n2. Demo\n3. Q&A',
  'Emoji test: 👩🏽‍💻 🏳️‍🌈 🇳🇴 — all should survive a round trip.',
  'Combining marks: n\u0303, a\u0308, e\u0301 versus precomposed ñ, ä, é.',
];

/** Short replies, for the bodies the length distribution makes tiny. */
export const shortReplies = ['Thanks!', 'Sounds good.', 'OK, will do.', 'See attached.', 'Agreed 👍', 'Done.', 'Yes, works for me.', 'Call me when you can.', 'Great news 🎉'];

export const greetings = ['Hi {first},', 'Hello {first},', '{first},', 'Dear {first},', 'Hi all,', 'Hi team,', 'Good morning {first},'];
export const signOffs = ['Thanks,', 'Best,', 'Best regards,', 'Cheers,', 'Kind regards,', 'Thank you,', 'Regards,'];
export const jobTitles = ['Program Manager', 'Senior Engineer', 'Finance Lead', 'Account Executive', 'Director, Operations', 'Legal Counsel', 'Support Engineer'];
export const emojiPool = ['🙂', '👍', '🎉', '🙏', '😅', '☕', '🚀', '📎', '✅', '😂', '🌧️', '🇳🇴'];
/** Newsletter section headings; the body text under them comes from the prose model. */
export const newsletterHeadings = ['This week', 'What we shipped', 'From the blog', 'Top stories', 'Your trip', 'Order summary', 'Events near you', 'Tips & tricks'];

export const categoriesPool = ['Blue category', 'Red category', 'Project Falcon', 'Travel', 'Receipts', 'Follow up'];

export interface AttachmentSpec {
  name: string;
  contentType: string;
  minSize: number;
  maxSize: number;
  isInline?: boolean;
}

export const attachmentSpecs: AttachmentSpec[] = [
  { name: 'report.pdf', contentType: 'application/pdf', minSize: 40_000, maxSize: 250_000 },
  { name: 'Budget Q3.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', minSize: 12_000, maxSize: 90_000 },
  { name: 'Übersicht 2026.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', minSize: 15_000, maxSize: 80_000 },
  { name: 'image001.png', contentType: 'image/png', minSize: 2_000, maxSize: 30_000, isInline: true },
  { name: 'team photo 📸.jpg', contentType: 'image/jpeg', minSize: 60_000, maxSize: 300_000 },
  { name: 'invite.ics', contentType: 'text/calendar', minSize: 800, maxSize: 3_000 },
  { name: 'notes.txt', contentType: 'text/plain', minSize: 100, maxSize: 4_000 },
];

/** User folders in the order `folderCount` takes them; a parent always precedes its children. */
export const userFolderSpecs: { path: string[]; hidden?: boolean }[] = [
  { path: ['Inbox', 'Projects'] },
  { path: ['Inbox', 'Receipts'] },
  { path: ['Inbox', 'Projects', '2026'] },
  { path: ['Travel'] },
  { path: ['Inbox', 'Newsletters'] },
  { path: ['Archive', '2025'] },
  { path: ['Inbox', 'Projects', '2026', 'Falcon & Co'] },
  { path: ['Clients'] },
  { path: ['Clients', 'Fabrikam'] },
  { path: ['Clients', 'Northwind'] },
];
