import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { CatalogRefresher } from './CatalogRefresher';

function setup(refreshEntity: (ref: string) => Promise<void>) {
  const logger = mockServices.logger.mock();
  const refresher = new CatalogRefresher({
    catalog: { refreshEntity },
    auth: mockServices.auth(),
    logger,
    maxPerAudit: 3,
    concurrency: 2,
  });
  const logged = () =>
    [...logger.info.mock.calls, ...logger.warn.mock.calls].map(c => c[0]);
  return { refresher, logger, logged };
}

describe('CatalogRefresher', () => {
  it('asks once per entity, a few at a time, and leaves those beyond the cap to the processing pass', async () => {
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    const { refresher, logged } = setup(async ref => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise(resolve => setTimeout(resolve, 5));
      asked.push(ref);
      inFlight -= 1;
    });
    const outcome = await refresher.refresh([
      'component:default/a',
      'Component:default/A',
      'component:default/b',
      'component:default/c',
      'component:default/d',
      'component:default/e',
    ]);
    expect(asked.sort()).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect(most).toBe(2);
    expect(outcome).toEqual({
      requested: 3,
      notInCatalog: 0,
      failed: 0,
      deferred: 2,
    });
    expect(logged()).toEqual([
      expect.stringMatching(
        /refresh 3 entities .*2 more beyond the limit of 3 per audit are left to the catalog's processing pass/,
      ),
    ]);
  });

  it('never fails: an entity the catalog lacks is counted, a failed request is logged', async () => {
    const { refresher, logger } = setup(async ref => {
      if (ref.endsWith('/gone')) throw new NotFoundError('no such entity');
      if (ref.endsWith('/down')) throw new Error('catalog unavailable');
    });
    const outcome = await refresher.refresh([
      'component:default/ok',
      'resource:default/gone',
      'component:default/down',
    ]);
    expect(outcome).toEqual({
      requested: 1,
      notInCatalog: 1,
      failed: 1,
      deferred: 0,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /1 refreshes failed and wait for the catalog's processing pass: Error: catalog unavailable/,
      ),
    );
  });

  it('asks nothing when nothing changed', async () => {
    const refreshEntity = jest.fn();
    const { refresher, logger } = setup(refreshEntity);
    await refresher.refresh([]);
    expect(refreshEntity).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();
  });
});
