import { foreignContent, TokenizerMode, type Token } from 'parse5';
import { SAXParser } from 'parse5-sax-parser';

/**
 * What a cut needs to know of one token of an HTML body, with its place in the source (UTF-16
 * offsets, `end` exclusive). Character tokens are parse5's runs (text, white space, NUL: one run per
 * kind); `chars` is the text they stand for (references decoded, CR LF as LF).
 */
/** What the tokenizer reads after a start tag: text with references, raw text, script data, or plain text to the end. */
export type HtmlContent = 'data' | 'rcdata' | 'rawtext' | 'script' | 'plaintext';

export type HtmlCutToken =
  | { kind: 'chars'; start: number; end: number; chars: string }
  | {
      kind: 'startTag';
      start: number;
      end: number;
      name: string;
      /** The element is open after this tag (not void, and its `/>` is not honoured). */
      opens: boolean;
      /** An SVG or MathML element. */
      foreign: boolean;
      /** An HTML tag in foreign content that ends it (`<b>`, `<p>`, `<div>`…): the parser closes the foreign elements first. */
      breaksOut: boolean;
      content: HtmlContent;
    }
  | { kind: 'endTag'; start: number; end: number; name: string }
  | { kind: 'markup'; start: number; end: number };

export interface HtmlTokenStream {
  /** Stops the tokenizer after the token being handled: nothing more is read. */
  stop(): void;
}

/** WHATWG "void elements", plus the obsolete ones browsers treat alike (and `image`, read as `img`). */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen', 'param']);

const contentOf = new Map<number, HtmlContent>([
  [TokenizerMode.RCDATA, 'rcdata'],
  [TokenizerMode.RAWTEXT, 'rawtext'],
  [TokenizerMode.SCRIPT_DATA, 'script'],
  [TokenizerMode.PLAINTEXT, 'plaintext'],
]);

/**
 * Reads `html` with the HTML standard's tokenizer (parse5's, driven as parse5-sax-parser drives it: the
 * parser's feedback for raw text, RCDATA, script data, plain text and foreign content simulated) and
 * hands each token to `onToken`, synchronously, in source order; then `onEnd`. A construct left
 * unterminated at the end (a tag, a comment) is not a token: browsers drop it too. Reading stops early
 * when `stream.stop()` is called from `onToken`.
 */
export function readHtmlTokens(html: string, onToken: (token: HtmlCutToken, stream: HtmlTokenStream) => void, onEnd: () => void): void {
  const reader = new CutTokenReader(onToken, onEnd);
  reader.readAll(html);
}

class CutTokenReader extends SAXParser implements HtmlTokenStream {
  /** Whether the tokenizer was in foreign content (SVG, MathML) before the current token. */
  private foreignBefore = false;
  private ended = false;

  constructor(
    private readonly onToken: (token: HtmlCutToken, stream: HtmlTokenStream) => void,
    private readonly onEnd: () => void,
  ) {
    super({ sourceCodeLocationInfo: true });
  }

  readAll(html: string): void {
    this.tokenizer.write(html, true);
    this.end_();
  }

  override stop(): void {
    this.tokenizer.pause();
  }

  private end_(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
  }

  private hand(token: HtmlCutToken): void {
    this.onToken(token, this);
    this.foreignBefore = this.parserFeedbackSimulator.inForeignContent;
  }

  override onCharacter(token: Token.CharacterToken): void {
    const location = token.location;
    if (!location || location.endOffset <= location.startOffset) return;
    this.hand({ kind: 'chars', start: location.startOffset, end: location.endOffset, chars: token.chars });
  }

  override onWhitespaceCharacter(token: Token.CharacterToken): void {
    this.onCharacter(token);
  }

  override onNullCharacter(token: Token.CharacterToken): void {
    this.onCharacter(token);
  }

  override onStartTag(token: Token.TagToken): void {
    const location = token.location!;
    const name = token.tagName;
    // `svg` and `math` are foreign themselves; in foreign content a tag is foreign unless it breaks out.
    const breaksOut = this.foreignBefore && name !== 'svg' && name !== 'math' && foreignContent.causesExit(token);
    const foreign = name === 'svg' || name === 'math' || (this.foreignBefore && !breaksOut);
    const opens = foreign ? !token.selfClosing : !voidElements.has(name);
    const content = foreign ? 'data' : (contentOf.get(this.tokenizer.state as number) ?? 'data');
    this.hand({ kind: 'startTag', start: location.startOffset, end: location.endOffset, name, opens, foreign, breaksOut, content });
  }

  override onEndTag(token: Token.TagToken): void {
    const location = token.location!;
    this.hand({ kind: 'endTag', start: location.startOffset, end: location.endOffset, name: token.tagName });
  }

  override onComment(token: Token.CommentToken): void {
    const location = token.location!;
    this.hand({ kind: 'markup', start: location.startOffset, end: location.endOffset });
  }

  override onDoctype(token: Token.DoctypeToken): void {
    const location = token.location!;
    this.hand({ kind: 'markup', start: location.startOffset, end: location.endOffset });
  }

  override onEof(): void {
    this.end_();
  }
}
