import { describe, it, expect } from 'vitest';
import { stripAnsi } from './ansi';
import type { DemoSnapshot } from './demo-snapshot';
import { renderFrame } from './render-frame';

function snapshot(overrides: Partial<DemoSnapshot> = {}): DemoSnapshot {
  return {
    mode: 'embedded',
    server: 'http://127.0.0.1:4321',
    phase: 'live',
    elapsedSeconds: 12,
    remainingSeconds: 18,
    reflector: {
      state: 'watching',
      resourceVersion: '20415',
      synced: true,
      listed: 20_000,
      total: 20_000,
      pages: 40,
      relisted: undefined,
      relists: 1,
      watches: 3,
      backoffs: 0,
      expired: 1,
      lastError: undefined,
    },
    cachedPods: 20_013,
    eventsPerSecond: 98.6,
    events: { adds: 20_100, updates: 300, deletes: 87 },
    topNodes: [
      { name: 'node-7', count: 57 },
      { name: 'node-1', count: 30 },
    ],
    nodeCount: 500,
    topNamespaces: [{ name: 'namespace-3', count: 430 }],
    namespaceCount: 50,
    topApps: [{ name: 'app-0', count: 1000 }],
    churn: { creates: 120, moves: 300, deletes: 87, failures: 0 },
    faults: [{ atSeconds: 4.5, fault: 'watch-drop', description: 'closed every watch' }],
    ...overrides,
  };
}

describe('renderFrame', () => {
  it('should show the sync progress, the reflector, the cache, churn and faults', () => {
    const lines = renderFrame(snapshot(), { columns: 120, color: false });
    expect(lines[0]).toBe(
      'kube-cache demo · embedded fake API server http://127.0.0.1:4321 · 18 s left',
    );
    expect(lines).toContain(
      `Initial sync [${'█'.repeat(30)}] 100%  20000 / 20000 pods · 40 pages · synced`,
    );
    expect(lines).toContain(
      'Reflector    watching · RV 20415 · watches 3 · relists 1 · 410 Expired 1',
    );
    expect(lines).toContain(
      'Cache        20013 pods · 99 events/s · adds 20100 · updates 300 · deletes 87',
    );
    expect(lines).toContain('Churn        creates 120 · moves 300 · deletes 87 · refused 0');
    expect(lines).toContain('Faults       5s watch-drop');
  });

  it('should show the progress of a relist beside the state', () => {
    const lines = renderFrame(
      snapshot({ reflector: { ...snapshot().reflector, state: 'relisting', relisted: 1500 } }),
      {
        columns: 120,
        color: false,
      },
    );
    expect(lines).toContain(
      'Reflector    relisting (1500 listed) · RV 20415 · watches 3 · relists 1 · 410 Expired 1',
    );
  });

  it('should put the three tables side by side with the largest first', () => {
    const lines = renderFrame(snapshot(), { columns: 120, color: false });
    const header = lines.findIndex((line) => line.startsWith('Pods per node (500)'));
    expect(lines[header]).toContain('Pods per namespace (50)');
    expect(lines[header]).toContain('Pods per app label');
    expect(lines[header + 1]).toMatch(/^node-7 +57 ▇{8} +namespace-3 +430 ▇{8} +app-0 +1000 ▇{8}$/);
    expect(lines[header + 2]).toMatch(/^node-1 +30 ▇{4}$/);
  });

  it('should show an unknown total and no churn line for a real cluster', () => {
    const lines = renderFrame(
      snapshot({
        mode: 'kubeconfig',
        phase: 'syncing',
        churn: undefined,
        reflector: {
          ...snapshot().reflector,
          state: 'listing',
          synced: false,
          listed: 500,
          total: undefined,
          pages: 1,
        },
      }),
      { columns: 120, color: false },
    );
    expect(lines[0]).toContain('cluster (read-only)');
    expect(lines[0]).toContain('initial sync');
    expect(lines.some((line) => line.startsWith('Churn'))).toBe(false);
    expect(lines.some((line) => line.startsWith('Faults'))).toBe(false);
    expect(lines).toContain(`Initial sync [${'░'.repeat(30)}]    ?  500 / ? pods · 1 pages`);
  });

  it('should keep every line within the terminal width, colours or not', () => {
    for (const color of [true, false]) {
      const lines = renderFrame(
        snapshot({ reflector: { ...snapshot().reflector, lastError: 'x'.repeat(300) } }),
        {
          columns: 40,
          color,
        },
      );
      for (const line of lines) expect(stripAnsi(line).length).toBeLessThanOrEqual(40);
    }
  });

  it('should use no escape sequences without colour', () => {
    const lines = renderFrame(snapshot(), { columns: 120, color: false });
    expect(lines.join('\n')).not.toContain('\u001b');
  });
});
