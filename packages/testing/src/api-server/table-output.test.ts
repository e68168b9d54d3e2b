import { describe, expect, it } from 'vitest';
import { defaultResourceDefinitions } from '../cluster/resource-definition';
import { acceptsTable, humanDuration, printTable } from './table-output';

const podDefinition = defaultResourceDefinitions.find((definition) => definition.kind === 'Pod');

describe('humanDuration', () => {
  it.each([
    [-5_000, '<invalid>'],
    [-500, '0s'],
    [45_000, '45s'],
    [119_000, '119s'],
    [200_000, '3m20s'],
    [300_000, '5m'],
    [1_800_000, '30m'],
    [4 * 3_600_000 + 300_000, '4h5m'],
    [20 * 3_600_000, '20h'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d4h'],
    [100 * 86_400_000, '100d'],
    [3 * 365 * 86_400_000 + 10 * 86_400_000, '3y10d'],
    [10 * 365 * 86_400_000, '10y'],
  ])('should print %i ms as %s', (milliseconds, expected) => {
    expect(humanDuration(milliseconds)).toBe(expected);
  });
});

describe('acceptsTable', () => {
  it('should recognise kubectl get Accept headers and nothing else', () => {
    expect(
      acceptsTable(
        'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      ),
    ).toBe(true);
    expect(acceptsTable('application/json')).toBe(false);
    expect(acceptsTable(undefined)).toBe(false);
  });
});

describe('printTable', () => {
  it('should print pods with kubectl columns and PartialObjectMetadata rows', () => {
    if (podDefinition === undefined) throw new Error('pods are registered by default');
    const pod = {
      metadata: {
        name: 'web',
        namespace: 'default',
        creationTimestamp: new Date(Date.now() - 30_000).toISOString(),
      },
      spec: { containers: [{}, {}], nodeName: 'node-1' },
      status: {
        phase: 'Running',
        podIP: '10.0.0.1',
        containerStatuses: [
          { ready: true, restartCount: 2 },
          { ready: false, restartCount: 1 },
        ],
      },
    };
    const table = JSON.parse(
      printTable(podDefinition, [JSON.stringify(pod)], { resourceVersion: '7', continue: 'token' }),
    ) as {
      kind: string;
      metadata: Record<string, unknown>;
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
    };
    expect(table.kind).toBe('Table');
    expect(table.metadata).toEqual({ resourceVersion: '7', continue: 'token' });
    expect(
      table.columnDefinitions
        .filter((column) => column.priority === 0)
        .map((column) => column.name),
    ).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(table.rows[0]?.cells.slice(0, 4)).toEqual(['web', '1/2', 'Running', 3]);
    expect(table.rows[0]?.cells[5]).toBe('10.0.0.1');
    expect(table.rows[0]?.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'web' },
    });
  });

  it('should print Name and Created At for a custom resource, and honour includeObject', () => {
    const widgets = {
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgets',
      namespaced: true,
    };
    const body = JSON.stringify({
      metadata: { name: 'w', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { size: 3 },
    });
    const full = JSON.parse(printTable(widgets, [body], { includeObject: 'Object' })) as {
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[]; object: unknown }[];
    };
    expect(full.columnDefinitions.map((column) => column.name)).toEqual(['Name', 'Created At']);
    expect(full.rows[0]?.cells).toEqual(['w', '2026-01-01T00:00:00Z']);
    expect(full.rows[0]?.object).toEqual({
      kind: 'Widget',
      apiVersion: 'example.com/v1',
      metadata: { name: 'w', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { size: 3 },
    });
    const none = JSON.parse(printTable(widgets, [body], { includeObject: 'None' })) as {
      rows: Record<string, unknown>[];
    };
    expect(none.rows[0]).not.toHaveProperty('object');
  });
});
