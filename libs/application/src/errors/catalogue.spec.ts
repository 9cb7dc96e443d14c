import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, indicatorDecider } from '@sakip/domain';
import { WrongExpectedVersionError } from '@sakip/event-store';
import { ReadModelNotReadyError } from '@sakip/read-models';
import { packageRoot } from '../settings/package-root';
import { errors, STATUS_OF_KIND } from './catalogue';
import { describeError } from './describe-error';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });

describe('the error catalogue', () => {
  it('gives every code one entry, hence one status', () => {
    const codes = Object.values(errors).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of Object.values(errors)) expect(STATUS_OF_KIND[entry.kind]).toBeGreaterThanOrEqual(400);
  });

  it('is the only place the application and the front doors construct errors', () => {
    const root = packageRoot();
    const offenders = [
      ...sourceFiles(join(root, 'libs', 'application', 'src')),
      // apps/web runs in the browser and only reads the API's answers: it has no catalogue to use.
      ...sourceFiles(join(root, 'apps')).filter((file) => !file.startsWith(join(root, 'apps', 'web'))),
    ]
      .filter((file) => !file.endsWith(join('errors', 'catalogue.ts')))
      .filter((file) =>
        /new (DomainError|ApplicationError|HttpException)\(|extends (HttpException|Error)\b/.test(
          readFileSync(file, 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('answers READ_MODELS_BEHIND one way: 503, retry', () => {
    expect(describeError(errors.readModelsBehind('12:3', 10))).toEqual({
      status: 503,
      code: 'READ_MODELS_BEHIND',
      messages: expect.objectContaining({ en: expect.stringContaining('position 12:3 within 10 s') }),
      details: { waitFor: '12:3', retryAfterSeconds: 2 },
    });
  });

  it('says UNKNOWN_INDICATOR as the indicator decider does', () => {
    let fromDecider: unknown;
    try {
      indicatorDecider.decide(
        {
          type: 'ReportRealisation',
          data: { organisationId: 'org', indicatorId: 'I1', period: '2025', value: '1' },
        },
        indicatorDecider.initialState(),
      );
    } catch (error) {
      fromDecider = error;
    }
    expect(fromDecider).toBeInstanceOf(DomainError);
    expect(describeError(errors.unknownIndicator('org', 'I1'))).toEqual(describeError(fromDecider));
  });

  it('describes the store and read-model errors, and anything else as a 500', () => {
    expect(describeError(new WrongExpectedVersionError('s', 1, 2))).toMatchObject({
      status: 409,
      code: 'STALE_VERSION',
      details: { streamId: 's', currentVersion: 2, expectedVersion: 1 },
    });
    expect(describeError(new ReadModelNotReadyError('plan-tree'))).toMatchObject({
      status: 503,
      code: 'READ_MODEL_NOT_READY',
    });
    expect(describeError(new Error('boom'))).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(describeError(errors.organisationOutOfScope('org'))).toMatchObject({ status: 403 });
  });
});
