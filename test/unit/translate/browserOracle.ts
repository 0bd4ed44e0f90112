import { parse, type DefaultTreeAdapterTypes } from 'parse5';

/**
 * What a browser makes of an HTML body, by the HTML standard's parser (parse5's tree construction,
 * scripting on, as a mail view's engine): the oracle the HTML cut is tested against. Independent of
 * the cut's own code, which uses only parse5's tokenizer.
 */
type Node = DefaultTreeAdapterTypes.Node;

/** Elements whose text a reader never sees. */
const hidden = new Set(['head', 'title', 'script', 'style', 'template', 'noscript', 'iframe', 'noembed', 'noframes']);

const implicit = new Set(['html', 'head', 'body']);

export interface BrowserView {
  /** Every text node, in document order (template contents included): where swallowed markup would show up. */
  allText: string;
  /** The text a reader sees: text outside hidden elements. */
  visibleText: string;
  /** Each element, `namespace tag`, in document order, without the empty `<p>` a stray `</p>` makes and the html, head and body the parser always makes. */
  elements: string[];
}

export function browserView(html: string): BrowserView {
  const all: string[] = [];
  const visible: string[] = [];
  const elements: string[] = [];
  // Iterative, depth-first in document order: a crafted body nests elements thousands deep.
  const stack: Array<[Node, boolean]> = [[parse(html), false]];
  while (stack.length > 0) {
    const [node, hiddenAbove] = stack.pop()!;
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterTypes.TextNode).value;
      all.push(value);
      if (!hiddenAbove) visible.push(value);
      continue;
    }
    const element = node as DefaultTreeAdapterTypes.Element;
    const isHidden = hiddenAbove || (element.tagName !== undefined && hidden.has(element.tagName));
    if (element.tagName !== undefined && !implicit.has(element.tagName) && !(element.tagName === 'p' && element.childNodes.length === 0)) elements.push(`${element.namespaceURI.split('/').pop()} ${element.tagName}`);
    const children: Array<[Node, boolean]> = ((node as DefaultTreeAdapterTypes.ParentNode).childNodes ?? []).map((child) => [child, isHidden]);
    const content = (node as DefaultTreeAdapterTypes.Template).content;
    if (element.tagName === 'template' && content) children.push(...content.childNodes.map((child): [Node, boolean] => [child, true]));
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return { allText: all.join(''), visibleText: visible.join(''), elements };
}

/** Offsets where a grapheme cluster of `text` starts, plus its end. */
export function graphemeBoundariesOf(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) boundaries.add(index);
  return boundaries;
}

/**
 * Why `cut` is not a faithful cut of `whole` as a browser sees both, or [] when it is: the cut's text
 * (all of it, hidden included) is a prefix of the whole's, ending between grapheme clusters of the
 * whole's text, and its elements are the whole's first ones (nothing in the cut swallows markup or
 * makes elements the whole does not have).
 */
export function cutProblems(whole: string, cut: string): string[] {
  const a = browserView(whole);
  const b = browserView(cut);
  const problems: string[] = [];
  if (!a.allText.startsWith(b.allText)) problems.push(`text ${JSON.stringify(b.allText)} is not a prefix of ${JSON.stringify(a.allText)}`);
  else if (!graphemeBoundariesOf(a.allText).has(b.allText.length)) problems.push(`text ends inside a grapheme cluster at ${b.allText.length}`);
  if (!a.visibleText.startsWith(b.visibleText)) problems.push(`visible text ${JSON.stringify(b.visibleText)} is not a prefix of ${JSON.stringify(a.visibleText)}`);
  const prefix = a.elements.slice(0, b.elements.length);
  if (JSON.stringify(prefix) !== JSON.stringify(b.elements)) problems.push(`elements ${b.elements.join(',')} are not the first of ${a.elements.join(',')}`);
  return problems;
}
