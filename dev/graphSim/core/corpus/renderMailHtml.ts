import { escapeHtml } from '../bodyConversion';
import type { Random } from '../random';

/**
 * HTML bodies shaped like the two kinds most mailboxes hold: mail composed in Outlook (Word's HTML:
 * a style block, `MsoNormal` paragraphs, a bordered header above quoted mail) and marketing
 * newsletters (nested layout tables, inline styles, tracking links, images). The text form the
 * simulator serves for `outlook.body-content-type="text"` is derived from this HTML, as Exchange does.
 */
const outlookHead =
  '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">\r\n' +
  '<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\r\n' +
  '<style><!--\r\n/* Font Definitions */\r\n@font-face\r\n\t{font-family:"Cambria Math";\r\n\tpanose-1:2 4 5 3 5 4 6 3 2 4;}\r\n@font-face\r\n\t{font-family:Aptos;}\r\n' +
  '/* Style Definitions */\r\np.MsoNormal, li.MsoNormal, div.MsoNormal\r\n\t{margin:0in;\r\n\tfont-size:12.0pt;\r\n\tfont-family:"Aptos",sans-serif;}\r\n' +
  'a:link, span.MsoHyperlink\r\n\t{mso-style-priority:99;\r\n\tcolor:#467886;\r\n\ttext-decoration:underline;}\r\nspan.EmailStyle17\r\n\t{mso-style-type:personal-compose;\r\n\tfont-family:"Aptos",sans-serif;\r\n\tcolor:windowtext;}\r\n' +
  '.MsoChpDefault\r\n\t{mso-style-type:export-only;\r\n\tfont-size:10.0pt;}\r\n@page WordSection1\r\n\t{size:8.5in 11.0in;\r\n\tmargin:1.0in 1.0in 1.0in 1.0in;}\r\ndiv.WordSection1\r\n\t{page:WordSection1;}\r\n--></style>\r\n</head>\r\n';

function msoParagraphs(lines: readonly string[]): string {
  return lines.map((line) => (line.trim() === '' ? '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>' : `<p class="MsoNormal">${escapeHtml(line)}<o:p></o:p></p>`)).join('\r\n');
}

export interface QuotedHeader {
  from: string;
  sent: string;
  to: string;
  subject: string;
}

/**
 * Outlook's HTML for a message: `lines` are the new text (blank lines between paragraphs), `quoted`
 * the earlier message under its From/Sent/To/Subject header, `inlineImage` a `cid:` image.
 */
export function renderOutlookHtml(lines: readonly string[], quoted?: { header: QuotedHeader; lines: readonly string[] }, inlineImage?: { contentId: string; name: string }): string {
  const image = inlineImage ? `\r\n<p class="MsoNormal"><img width="320" height="180" style="width:3.3333in;height:1.875in" id="Picture_x0020_1" src="cid:${inlineImage.contentId}" alt="${escapeHtml(inlineImage.name)}"><o:p></o:p></p>` : '';
  const quote = quoted
    ? '\r\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\r\n<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">\r\n' +
      `<p class="MsoNormal"><b>From:</b> ${escapeHtml(quoted.header.from)}<br>\r\n<b>Sent:</b> ${escapeHtml(quoted.header.sent)}<br>\r\n<b>To:</b> ${escapeHtml(quoted.header.to)}<br>\r\n<b>Subject:</b> ${escapeHtml(quoted.header.subject)}<o:p></o:p></p>\r\n</div>\r\n` +
      msoParagraphs(quoted.lines)
    : '';
  return `${outlookHead}<body lang="EN-US" link="#467886" vlink="#96607D" style="word-wrap:break-word">\r\n<div class="WordSection1">\r\n${msoParagraphs(lines)}${image}${quote}\r\n</div>\r\n</body>\r\n</html>\r\n`;
}

const urlSafe = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export interface NewsletterInput {
  senderName: string;
  domain: string;
  subject: string;
  sections: { heading: string; paragraphs: string[] }[];
}

/** A marketing newsletter: a 600-pixel layout table, one row per section, tracked links, a footer. */
export function renderNewsletterHtml(random: Random, input: NewsletterInput): string {
  const track = (path: string) => `https://click.${input.domain}/${path}?u=${random.chars(24, urlSafe)}&amp;id=${random.chars(16, urlSafe)}`;
  const cell = 'font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:24px;color:#333333;';
  const sections = input.sections
    .map(
      (section) =>
        `<tr>\r\n<td style="padding:16px 24px;${cell}">\r\n<h2 style="margin:0 0 12px 0;font-size:20px;line-height:28px;color:#111111;">${escapeHtml(section.heading)}</h2>\r\n` +
        section.paragraphs.map((p) => `<p style="margin:0 0 12px 0;">${escapeHtml(p)}</p>`).join('\r\n') +
        `\r\n<a href="${track('r')}" style="color:#0b5cad;text-decoration:underline;">Read more</a>\r\n</td>\r\n</tr>`,
    )
    .join('\r\n');
  return (
    `<!DOCTYPE html>\r\n<html lang="en">\r\n<head>\r\n<meta charset="utf-8">\r\n<meta name="viewport" content="width=device-width, initial-scale=1">\r\n<title>${escapeHtml(input.subject)}</title>\r\n` +
    '<style>body{margin:0;padding:0;}table{border-collapse:collapse;}img{border:0;display:block;}@media only screen and (max-width:620px){.wrapper{width:100% !important;}}</style>\r\n</head>\r\n' +
    '<body style="margin:0;padding:0;background-color:#f4f4f4;">\r\n<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f4;">\r\n<tr>\r\n<td align="center" style="padding:24px 0;">\r\n' +
    '<table role="presentation" class="wrapper" width="600" cellpadding="0" cellspacing="0" border="0" style="background-color:#ffffff;">\r\n' +
    `<tr>\r\n<td style="padding:12px 24px;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:12px;color:#888888;"><a href="${track('view')}" style="color:#888888;">View in browser</a></td>\r\n</tr>\r\n` +
    `<tr>\r\n<td style="padding:0 24px;"><img src="https://img.${input.domain}/${random.chars(12, urlSafe)}/header.png" width="552" height="120" alt="${escapeHtml(input.senderName)}"></td>\r\n</tr>\r\n` +
    `${sections}\r\n` +
    `<tr>\r\n<td style="padding:24px;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:12px;line-height:18px;color:#888888;">You are receiving this email because you signed up at ${escapeHtml(input.domain)}.<br>\r\n` +
    `<a href="${track('unsubscribe')}" style="color:#888888;">Unsubscribe</a> | <a href="${track('preferences')}" style="color:#888888;">Manage preferences</a><br>\r\n` +
    `${escapeHtml(input.senderName)} &middot; 1 Harbour Road, Suite 400, Seattle, WA 98101<br>\r\nTerms &amp; Privacy</td>\r\n</tr>\r\n</table>\r\n</td>\r\n</tr>\r\n</table>\r\n</body>\r\n</html>\r\n`
  );
}
