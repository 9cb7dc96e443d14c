import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { errors } from '@sakip/application';
import { requestValidationError, toProblem } from './problem-details';

/** The Nest door maps everything through the error catalogue; the shape is RFC 9457 plus code and messages. */
describe('problem details', () => {
  it('answers a catalogued error with its status, code, both messages and details', () => {
    expect(toProblem(errors.readModelsBehind('5:1', 10))).toEqual({
      type: 'https://sakip.dev/problems/read-models-behind',
      title: expect.stringContaining('position 5:1'),
      detail: expect.stringContaining('position 5:1'),
      status: 503,
      code: 'READ_MODELS_BEHIND',
      messages: { id: expect.stringContaining('posisi 5:1'), en: expect.stringContaining('position 5:1') },
      waitFor: '5:1',
      retryAfterSeconds: 2,
    });
  });

  it("maps Nest's and the body parser's errors to catalogue entries", () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Cannot GET /nope',
    });
    const tooLarge = { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large.' };
    expect(toProblem(new PayloadTooLargeException())).toMatchObject(tooLarge);
    expect(toProblem({ type: 'entity.too.large' })).toMatchObject(tooLarge);
    expect(toProblem({ type: 'entity.parse.failed', message: 'Unexpected token' })).toMatchObject({
      status: 400,
      code: 'INVALID_JSON',
      detail: 'The request body is not valid JSON: Unexpected token',
    });
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
  });

  it('lists every invalid field of a request, nested ones with their path', () => {
    const validation = [
      { property: 'year', constraints: { isInt: 'year must be an integer' }, children: [] },
      {
        property: 'rule',
        children: [{ property: 'id', constraints: { isString: 'id must be a string' }, children: [] }],
      },
    ] as unknown as ValidationError[];
    expect(toProblem(requestValidationError(validation))).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
      errors: [
        { path: 'year', message: 'year must be an integer' },
        { path: 'rule.id', message: 'id must be a string' },
      ],
    });
  });
});
