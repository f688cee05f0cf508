import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

describe('OpenAPI document', () => {
  it('documents the reviews and content routes from the same schemas', async () => {
    const t = await createTestApp();
    const res = await t.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/reviews',
        '/reviews/{id}',
        '/content',
        '/content/{slug}',
        '/content/compare',
        '/content/cameras',
      ]),
    );
    expect(Object.keys(doc.paths['/reviews/{id}']!).sort()).toEqual([
      'delete',
      'get',
      'patch',
      'put',
    ]);
    expect(doc.paths['/reviews/{id}']!.put!.parameters?.map((p) => p.name)).toContain('if-match');
    expect(doc.components.schemas).toHaveProperty('ReviewInput');
    expect(doc.components.schemas).toHaveProperty('ContentPage');
    expect(doc.components.securitySchemes).toHaveProperty('bearerAuth');
    await t.close();
  });
});
