/**
 * Test-side checks for shaped bodies, written independently of shared/translate (regexes, not its
 * tokenizer) so the two cannot share a mistake. Meant for well-formed inputs: balanced tags, every
 * `&` the start of a complete reference, no `<` in text outside script/style.
 */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const rawTextElements = new Set(['script', 'style']);
const atom =
  /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/([A-Za-z][^\s/>]*)\s*>|<([A-Za-z][^\s/>]*)(?:\s+[^\s/>=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*(\/?)>|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/y;

interface Atom {
  kind: 'open' | 'close' | 'selfClosed' | 'comment' | 'reference' | 'raw' | 'stray';
  start: number;
  end: number;
  name?: string;
}

/** Splits HTML into tags, comments, references and raw text; single code units of text are skipped. */
export function scanHtml(html: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < html.length) {
    atom.lastIndex = i;
    const match = atom.exec(html);
    if (!match) {
      if (html[i] === '<' || html[i] === '&') atoms.push({ kind: 'stray', start: i, end: i + 1 });
      i++;
      continue;
    }
    const end = i + match[0].length;
    const [, closeName, openName, slash] = match;
    if (closeName) atoms.push({ kind: 'close', start: i, end, name: closeName.toLowerCase() });
    else if (openName) {
      const name = openName.toLowerCase();
      atoms.push({ kind: slash || voidElements.has(name) ? 'selfClosed' : 'open', start: i, end, name });
      if (rawTextElements.has(name) && !slash) {
        const close = html.toLowerCase().indexOf(`</${name}`, end);
        const rawEnd = close < 0 ? html.length : close;
        atoms.push({ kind: 'raw', start: end, end: rawEnd });
        i = rawEnd;
        continue;
      }
    } else atoms.push({ kind: match[0].startsWith('&') ? 'reference' : 'comment', start: i, end });
    i = end;
  }
  return atoms;
}

/** Problems with `html` as a well-formed fragment: stray `<`/`&`, end tags out of order, elements left open. */
export function wellFormednessProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const a of scanHtml(html)) {
    if (a.kind === 'stray') problems.push(`stray ${html[a.start]} at ${a.start}`);
    if (a.kind === 'open') stack.push(a.name!);
    if (a.kind === 'close') {
      const top = stack.pop();
      if (top !== a.name) problems.push(`</${a.name}> at ${a.start} closes <${top}>`);
    }
  }
  if (stack.length > 0) problems.push(`left open: ${stack.join(' ')}`);
  return problems;
}

/** Offsets strictly inside a tag, comment or reference of `html` (cutting there would break it). */
export function insideMarkup(html: string): Set<number> {
  const inside = new Set<number>();
  for (const a of scanHtml(html)) {
    if (a.kind === 'raw' || a.kind === 'stray') continue;
    for (let offset = a.start + 1; offset < a.end; offset++) inside.add(offset);
  }
  return inside;
}

/** Offsets where a grapheme cluster of `text` starts, plus its end. */
export function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) boundaries.add(index);
  return boundaries;
}

const endTagsOnly = /^(?:<\/[A-Za-z][^\s/>]*>)*$/;

/**
 * Splits a truncated HTML body into the source prefix it kept and the end tags appended; -1 when
 * it is not such a pair. Takes the longest prefix (the same string may read either way when the
 * source's own end tags follow the cut).
 */
export function keptPrefixLength(source: string, output: string): number {
  let p = 0;
  while (p < output.length && output[p] === source[p]) p++;
  while (p >= 0 && !endTagsOnly.test(output.slice(p))) p--;
  return p;
}
