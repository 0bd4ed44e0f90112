import { templateUrlPath } from '../../../shared/observability/templateUrlPath';
import { toTelemetryPath } from '../../../shared/observability/toTelemetryPath';
import { toTelemetryUrl } from '../../../shared/observability/toTelemetryUrl';

const folderId = 'AAMkAGI2TG93AAA=';
const messageId = 'AAMkADQ0ZjE4LWM4ZWMtNDNjZi04MTZjLTRlZjI1ZTYxNjQ1OABGAAAAAAC3y5F2EdbmTpT0jYxJ7TjHBwD';

describe('templateUrlPath', () => {
  it.each([
    [`/v1.0/me/mailFolders/${folderId}/messages/delta`, '/v1.0/me/mailFolders/:id/messages/delta'],
    [`/v1.0/me/messages/${messageId}/attachments`, '/v1.0/me/messages/:id/attachments'],
    ['/v1.0/me/mailFolders/inbox', '/v1.0/me/mailFolders/inbox'],
    ['/v1.0/$batch', '/v1.0/$batch'],
    [`/v1.0/me/mailfolders('${folderId}')/messages/delta`, '/v1.0/me/mailfolders(:id)/messages/delta'],
    ['/v1.0/users/alice@contoso.test/messages', '/v1.0/users/:id/messages'],
    ['/c0a7f2d4-5b1e-4c3a-9d8e-000000c07050/oauth2/v2.0/token', '/:id/oauth2/v2.0/token'],
    ['/common/discovery/v2.0/keys', '/common/discovery/v2.0/keys'],
    ['/secrets/ferry-state-key/0123456789abcdef0123456789abcdef', '/secrets/:id/:id'],
    ['/v1.0/me/mailFolders/Alice%20Project%20X', '/v1.0/me/mailFolders/:id'],
    ['/', '/'],
  ])('%s → %s', (path, template) => {
    expect(templateUrlPath(path)).toBe(template);
  });

  it('shows a word only from its vocabulary, whatever its shape', () => {
    for (const segment of ['alice', 'Project', 'invoice', 'bob', 'contoso.test', 'x']) expect(templateUrlPath(`/v1.0/me/${segment}`)).toBe('/v1.0/me/:id');
  });
});

describe('toTelemetryUrl', () => {
  it('keeps origin and templated path; drops query, fragment and user info', () => {
    expect(toTelemetryUrl(`https://user:secret@graph.microsoft.com/v1.0/me/mailFolders/${folderId}/messages/delta?$deltatoken=abc&$select=subject#x`)).toBe(
      'https://graph.microsoft.com/v1.0/me/mailFolders/:id/messages/delta',
    );
    expect(toTelemetryUrl('http://127.0.0.1:7072/v1.0/me')).toBe('http://127.0.0.1:7072/v1.0/me');
  });

  it('refuses what is not an absolute http(s) URL', () => {
    expect(toTelemetryUrl('/v1.0/me')).toBeUndefined();
    expect(toTelemetryUrl('mailto:alice@contoso.test')).toBeUndefined();
    expect(toTelemetryUrl('not a url')).toBeUndefined();
  });
});

describe('toTelemetryPath', () => {
  it('templates a path and drops its query', () => {
    expect(toTelemetryPath(`/v1.0/me/messages/${messageId}?$select=subject,body`)).toBe('/v1.0/me/messages/:id');
    expect(toTelemetryPath('/v1.0/me#frag')).toBe('/v1.0/me');
    expect(toTelemetryPath('v1.0/me')).toBeUndefined();
  });
});
