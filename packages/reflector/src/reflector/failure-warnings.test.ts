import { ApiStatusError } from '@kube-cache/indexer';
import { describe, expect, it } from 'vitest';
import { describeFailure, FailureWarnings } from './failure-warnings';
import { ConnectionLostError } from '../errors/connection-lost-error';

function manualClock() {
  const clock = { time: 0, now: () => clock.time, setTimeout: () => 0, clearTimeout: () => {} };
  return clock;
}

describe('FailureWarnings', () => {
  it('should keep a distinct failure quiet for the interval and then count the repeats', () => {
    const clock = manualClock();
    const lines: string[] = [];
    const warnings = new FailureWarnings({
      source: 'x',
      clock,
      intervalMilliseconds: 30_000,
      emit: (line) => lines.push(line),
    });
    const error = Object.assign(new Error('boom'), { code: 'EACCES' });
    expect(warnings.warn(error)).toBe(true);
    clock.time = 10_000;
    expect(warnings.warn(error)).toBe(false);
    expect(warnings.warn(new Error('other code, same key? no: no code'))).toBe(true);
    clock.time = 29_999;
    expect(warnings.warn(error)).toBe(false);
    clock.time = 30_000;
    expect(warnings.warn(error)).toBe(true);

    expect(lines).toEqual([
      'x: Error (EACCES): boom',
      'x: Error: other code, same key? no: no code',
      'x: Error (EACCES): boom (2 more like it since the last warning, 30 s ago)',
    ]);
  });

  it('should never warn about an abort, a 410 or a stream cut by a reset', () => {
    const lines: string[] = [];
    const warnings = new FailureWarnings({ source: 'x', emit: (line) => lines.push(line) });
    expect(warnings.warn(new DOMException('stopped', 'AbortError'))).toBe(false);
    expect(warnings.warn(new ApiStatusError(410, { message: 'too old resource version' }))).toBe(
      false,
    );
    expect(warnings.warn(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(
      false,
    );
    expect(lines).toEqual([]);
    expect(
      warnings.warn(new ConnectionLostError('ping-timeout', { origin: 'https://127.0.0.1:6443' })),
    ).toBe(true);
  });
});

describe('describeFailure', () => {
  it('should give one line without URL user info, cut to a bounded length', () => {
    const text = describeFailure(
      new Error(
        `failed to reach https://admin:s3cret@example.com:6443/api\nsecond line ${'x'.repeat(500)}`,
      ),
    );
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('admin');
    expect(text).not.toContain('\n');
    expect(text).toContain('https://example.com:6443/api second line');
    expect(text.length).toBeLessThanOrEqual(300);
  });

  it('should describe a non-error value', () => {
    expect(describeFailure('just text')).toBe('string: just text');
  });
});
