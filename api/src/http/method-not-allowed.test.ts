import { describe, expect, it } from 'vitest';
import { createAllowedMethods } from './method-not-allowed.js';

describe('createAllowedMethods', () => {
  const allowed = createAllowedMethods([
    { method: 'ALL', path: '*' },
    { method: 'GET', path: '/visits/:counterId' },
    { method: 'POST', path: '/visits/:counterId' },
    { method: 'GET', path: '/health' },
  ]);

  it('lists the methods served at a path, with HEAD and OPTIONS', () => {
    expect(allowed('/visits/default')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(allowed('/health')).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('ignores middleware and unknown paths', () => {
    expect(allowed('/nothing')).toEqual([]);
    expect(allowed('/visits/a/b')).toEqual([]);
  });

  it('knows a path only as the routes spell it: a trailing slash names nothing', () => {
    expect(allowed('/health/')).toEqual([]);
    expect(allowed('/visits/default/')).toEqual([]);
    expect(allowed('/visits/')).toEqual([]);
  });
});
