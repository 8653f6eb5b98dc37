import { describe, expect, test } from '@jest/globals';
import nock from 'nock';
import zapier from 'zapier-platform-core';

describe('toolchain', () => {
  test('runs on node 22 with nock', async () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
    nock.disableNetConnect();
    nock('https://example.test').get('/x').reply(200, { a: 1 });
    const app = zapier.defineApp({ version: '1.0.0', platformVersion: zapier.version, triggers: {}, creates: {}, searches: {} } as any);
    const t = zapier.createAppTester(app);
    const r = await t(async (z: any) => (await z.request('https://example.test/x')).data, { meta: {} } as any);
    expect(r).toEqual({ a: 1 });
  });
});
