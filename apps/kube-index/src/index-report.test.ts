import { describe, it, expect } from 'vitest';
import { buildIndexReport, formatIndexJson, formatIndexTable } from './index-report';

const index: Record<string, string[]> = {
  'node-2': ['b/web-2', 'a/web-1'],
  'node-1': ['a/db-1', 'a/web-3', 'b/web-4'],
  'node-3': [],
};
const source = {
  values: Object.keys(index),
  keysFor: (value: string) => index[value] ?? [],
  allKeys: ['a/db-1', 'a/web-1', 'a/web-3', 'b/web-2', 'b/web-4', 'b/pending'],
};
const about = { resource: 'pods', indexBy: 'field spec.nodeName', resourceVersion: '812' };

describe('buildIndexReport', () => {
  it('should sort values by count, keys by name, and find the unindexed objects', () => {
    expect(buildIndexReport(source, about)).toEqual({
      ...about,
      objects: 6,
      entries: [
        { value: 'node-1', count: 3, keys: ['a/db-1', 'a/web-3', 'b/web-4'] },
        { value: 'node-2', count: 2, keys: ['a/web-1', 'b/web-2'] },
      ],
      unindexed: ['b/pending'],
    });
  });
});

describe('formatIndexTable', () => {
  it('should print a heading, aligned columns and a <none> row', () => {
    expect(formatIndexTable(buildIndexReport(source, about), 2)).toEqual([
      'pods by field spec.nodeName: 6 objects, 2 values (resourceVersion 812)',
      'VALUE   COUNT  KEYS',
      'node-1      3  a/db-1, a/web-3, … 1 more',
      'node-2      2  a/web-1, b/web-2',
      '<none>      1  b/pending',
    ]);
  });

  it('should print only counts with no keys asked for', () => {
    expect(formatIndexTable(buildIndexReport(source, about), 0)[2]).toBe('node-1      3  … 3 keys');
  });
});

describe('formatIndexJson', () => {
  it('should print the report as one line of JSON', () => {
    const text = formatIndexJson(buildIndexReport(source, about));
    expect(text).not.toContain('\n');
    expect(JSON.parse(text)).toMatchObject({
      resource: 'pods',
      objects: 6,
      entries: [{ value: 'node-1', count: 3 }, { value: 'node-2' }],
    });
  });
});
