import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMicroTime, normalizeMicroTime } from './micro-time';

const microTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('formatMicroTime', () => {
  it('should write exactly six fractional digits in UTC', () => {
    expect(formatMicroTime(Date.parse('2026-12-02T00:04:05.123Z'))).toBe(
      '2026-12-02T00:04:05.123000Z',
    );
    expect(formatMicroTime(Date.parse('2026-12-02T00:04:05Z'))).toBe('2026-12-02T00:04:05.000000Z');
  });

  it('should round-trip through Date.parse and normalizeMicroTime for any time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.parse('9999-12-31T23:59:59.999Z') }), (time) => {
        const text = formatMicroTime(time);
        expect(text).toMatch(microTime);
        expect(Date.parse(text)).toBe(time);
        expect(normalizeMicroTime(text)).toBe(text);
      }),
    );
  });
});

describe('normalizeMicroTime', () => {
  it.each([
    ['2026-12-02T00:04:05.123456Z', '2026-12-02T00:04:05.123456Z'],
    ['2026-12-02T00:04:05Z', '2026-12-02T00:04:05.000000Z'],
    ['2026-12-02T00:04:05.1Z', '2026-12-02T00:04:05.100000Z'],
    ['2026-12-02T00:04:05.123456789Z', '2026-12-02T00:04:05.123456Z'],
    ['2026-12-02T01:04:05.5+01:00', '2026-12-02T00:04:05.500000Z'],
    ['2026-12-01T22:04:05-02:00', '2026-12-02T00:04:05.000000Z'],
  ])('should read %s as %s', (input, expected) => {
    expect(normalizeMicroTime(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2026-12-02 00:04:05Z', '2026-12-02T00:04:05'])(
    'should give null for %j',
    (input) => {
      expect(normalizeMicroTime(input)).toBeNull();
    },
  );
});
