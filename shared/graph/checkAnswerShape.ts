import type { AnswerShape } from './operations';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalString = (value: unknown) => value === undefined || value === null || typeof value === 'string';

/**
 * Does a parsed 2xx body have the shape its operation answers with? Pure. Only the envelope is checked
 * (a page's `value` holds objects, its links are strings; a `$batch` has `responses`), not each
 * property: translators treat missing properties themselves.
 * https://learn.microsoft.com/en-us/graph/paging, https://learn.microsoft.com/en-us/graph/json-batching
 */
export function checkAnswerShape(shape: AnswerShape | 'any', body: unknown): boolean {
  switch (shape) {
    case 'page':
      return (
        isObject(body) &&
        Array.isArray(body.value) &&
        body.value.every(isObject) &&
        isOptionalString(body['@odata.nextLink']) &&
        isOptionalString(body['@odata.deltaLink'])
      );
    case 'entity':
      return isObject(body);
    case 'batch':
      return isObject(body) && Array.isArray(body.responses);
    case 'none':
    case 'stream':
    case 'any':
      return true;
  }
}
