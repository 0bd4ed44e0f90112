import { checkAnswerShape } from '../checkAnswerShape';
import type { PipelinePolicy } from '../pipeline';

/**
 * Innermost policy: marks a 2xx whose body is not the shape its operation answers with as
 * `brokenBody`, like the transport marks one that is not JSON, so decideRetry treats a cut or
 * off-schema body as the connection fault it is (Graph may have acted; its answer was lost). An
 * operation answering `none` (202/204) is never broken: its body is not read.
 */
export function answerShapePolicy(): PipelinePolicy {
  return {
    name: 'answerShapePolicy',
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status < 200 || response.status > 299) return response;
      if (request.answer === 'none') return response.brokenBody ? { ...response, brokenBody: false } : response;
      if (response.brokenBody || checkAnswerShape(request.answer, response.body)) return response;
      return { ...response, brokenBody: true };
    },
  };
}
