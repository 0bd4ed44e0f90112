/**
 * The device's `preview`: Graph's bodyPreview (the first 255 characters of the body as text) on one
 * line: each run of white space, line breaks included, becomes one space, and the ends are trimmed.
 * Graph keeps the body's `\r\n` and runs of spaces (https://learn.microsoft.com/graph/api/message-get,
 * example 3): a list line shows one line of text anyway, and the runs cost bytes on every message.
 */
export function toDevicePreview(bodyPreview: string | null | undefined): string {
  return (bodyPreview ?? '').replace(/\s+/g, ' ').trim();
}
