import { judgeStamped } from '../../../shared/commands/mailDraft';
import { copiesOf } from '../../../shared/commands/drafts/draftAttachments';
import { spliceComment, withoutAddress } from '../../../shared/commands/drafts/draftContent';
import { canonicalJson, draftHashPropertyId, draftKey, requestHash } from '../../../shared/commands/drafts/draftStamp';

/** The pure pieces of mail/draft: the stamp, the look-up's verdict, the comment splice (issue 15). */
describe('draft stamp', () => {
  it('keys are lowercase hex SHA-256 of tid|oid|clientMessageId; equal requests hash equal whatever the key order', () => {
    expect(draftKey('t', 'o', 'c')).toMatch(/^[0-9a-f]{64}$/);
    expect(draftKey('t', 'o', 'c')).not.toBe(draftKey('t', 'o2', 'c'));
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(requestHash({ subject: 's', clientMessageId: 'x' })).toBe(requestHash({ clientMessageId: 'x', subject: 's' }));
    expect(requestHash({ subject: 's', clientMessageId: 'x' })).not.toBe(requestHash({ subject: 't', clientMessageId: 'x' }));
  });
});

describe('judgeStamped', () => {
  const stamp = { key: 'k', hash: 'aa' };
  const hit = (id: string, isDraft: boolean, hash: string | undefined, createdDateTime: string) => ({
    id,
    isDraft,
    createdDateTime,
    singleValueExtendedProperties: hash === undefined ? [] : [{ id: draftHashPropertyId, value: hash }],
  });

  it('none, existing (oldest), already_sent, reused, unfinished', () => {
    expect(judgeStamped([], stamp)).toEqual({ kind: 'none' });
    expect(judgeStamped([hit('b', true, 'AA', '2026-01-02T00:00:00Z'), hit('a', true, 'aa', '2026-01-01T00:00:00Z')], stamp)).toEqual({ kind: 'answer', answer: { draftId: 'a', status: 'existing' } });
    expect(judgeStamped([hit('a', true, 'aa', '2026-01-01T00:00:00Z'), hit('s', false, 'aa', '2026-01-02T00:00:00Z')], stamp)).toEqual({ kind: 'answer', answer: { draftId: 's', status: 'already_sent' } });
    expect(judgeStamped([hit('a', true, 'bb', '2026-01-01T00:00:00Z')], stamp)).toEqual({ kind: 'reused' });
    expect(judgeStamped([hit('a', true, undefined, '2026-01-01T00:00:00Z')], stamp)).toEqual({ kind: 'unfinished', id: 'a' });
  });
});

describe('spliceComment', () => {
  it('HTML: escaped, line breaks as <br>, right after the opening body tag', () => {
    const body = { contentType: 'html' as const, content: '<html><head></head><body dir="ltr"><div>quote</div></body></html>' };
    expect(spliceComment(body, 'a <b> & "c"\nnext').content).toBe('<html><head></head><body dir="ltr">a &lt;b&gt; &amp; &quot;c&quot;<br>next<br><div>quote</div></body></html>');
    expect(spliceComment({ contentType: 'html', content: '<div>q</div>' }, 'x').content).toBe('x<br><div>q</div>');
  });

  it('text: the comment and a line break before the content', () => {
    expect(spliceComment({ contentType: 'text', content: 'From: a\r\nquote' }, 'Yes <b>')).toEqual({ contentType: 'text', content: 'Yes <b>\r\nFrom: a\r\nquote' });
  });
});

describe('withoutAddress', () => {
  it('drops the user (any case), or says nothing changed', () => {
    const list = [{ emailAddress: { address: 'Alice@contoso.test' } }, { emailAddress: { address: 'bob@contoso.test' } }];
    expect(withoutAddress(list, 'alice@CONTOSO.test')).toEqual([list[1]]);
    expect(withoutAddress(list, 'carol@contoso.test')).toBeUndefined();
  });
});

describe('copiesOf', () => {
  it('finds each dropped original\'s copy by name and size, each copy once; unknown ids ignored', () => {
    const original = [{ id: 'o1', name: 'a.pdf', size: 10 }, { id: 'o2', name: 'a.pdf', size: 10 }, { id: 'o3', name: 'b.pdf', size: 5 }];
    const draft = [{ id: 'd1', name: 'a.pdf', size: 10 }, { id: 'd2', name: 'a.pdf', size: 10 }, { id: 'd3', name: 'b.pdf', size: 6 }];
    expect(copiesOf(original, draft, ['o1', 'o2'])).toEqual(['d1', 'd2']);
    expect(copiesOf(original, draft, ['o3', 'nope'])).toEqual([]);
  });
});
