import { describe, expect, it } from 'vitest';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { resourceUrl } from './resource-url';

describe('resourceUrl', () => {
  it('should build core, grouped, namespaced and cluster-wide paths', () => {
    expect(
      resourceUrl('https://k:6443', { apiVersion: 'v1', plural: 'pods' }, {}, false).href,
    ).toBe('https://k:6443/api/v1/pods');
    expect(
      resourceUrl(
        'https://k:6443/',
        { apiVersion: 'apps/v1', plural: 'deployments', namespace: 'ns 1' },
        {},
        false,
      ).href,
    ).toBe('https://k:6443/apis/apps/v1/namespaces/ns%201/deployments');
    expect(
      resourceUrl(
        'https://k/prefix',
        { apiVersion: 'example.com/v1alpha1', plural: 'widgets' },
        {},
        false,
      ).pathname,
    ).toBe('/prefix/apis/example.com/v1alpha1/widgets');
  });

  it('should send only the options that are set, and watch=true for watches', () => {
    const url = resourceUrl(
      'https://k',
      { apiVersion: 'v1', plural: 'pods' },
      {
        resourceVersion: '0',
        limit: 0,
        continue: '',
        labelSelector: 'app=web',
        allowWatchBookmarks: true,
        timeoutSeconds: 300,
      },
      true,
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      watch: 'true',
      resourceVersion: '0',
      labelSelector: 'app=web',
      allowWatchBookmarks: 'true',
      timeoutSeconds: '300',
    });
  });

  it('should refuse a resource without apiVersion or plural', () => {
    expect(() => resourceUrl('https://k', { apiVersion: '', plural: 'pods' }, {}, false)).toThrow(
      InvalidListWatchConfigError,
    );
    expect(() => resourceUrl('https://k', { apiVersion: 'v1', plural: '' }, {}, false)).toThrow(
      InvalidListWatchConfigError,
    );
  });
});
