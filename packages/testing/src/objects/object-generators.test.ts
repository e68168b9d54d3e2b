import { describe, expect, it } from 'vitest';
import { generateConfigMaps, generatePods } from './object-generators';

describe('generatePods', () => {
  it('should generate the requested number of unique, valid pods spread over namespaces', () => {
    const pods = generatePods({ count: 1000, namespaces: 7, nodes: 3, apps: 4 });
    expect(pods).toHaveLength(1000);
    expect(new Set(pods.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`)).size).toBe(
      1000,
    );
    expect(new Set(pods.map((pod) => pod.metadata.namespace)).size).toBe(7);
    expect(new Set(pods.map((pod) => pod.spec.nodeName)).size).toBeLessThanOrEqual(3);
    expect(new Set(pods.map((pod) => pod.metadata.labels['app'])).size).toBeLessThanOrEqual(4);
    for (const pod of pods) expect(pod.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('should be deterministic for a seed and differ between seeds', () => {
    expect(generatePods({ count: 20, seed: 7 })).toEqual(generatePods({ count: 20, seed: 7 }));
    expect(generatePods({ count: 20, seed: 7 })).not.toEqual(generatePods({ count: 20, seed: 8 }));
  });
});

describe('generateConfigMaps', () => {
  it('should generate unique config maps with data', () => {
    const configMaps = generateConfigMaps({ count: 100, namespaces: 2 });
    expect(
      new Set(configMaps.map((item) => `${item.metadata.namespace}/${item.metadata.name}`)).size,
    ).toBe(100);
    expect(configMaps[0]?.data).toEqual({
      'log-level': expect.any(String),
      replicas: expect.any(String),
      'feature-flags': expect.any(String),
    });
  });
});
