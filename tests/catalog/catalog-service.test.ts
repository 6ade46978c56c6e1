import { CatalogService } from '../../functions/catalog/catalog-service';
import type { Product } from '../../functions/catalog/product';
import { waitFor } from '../support/wait-for';

function product(id: string, title: string): Product {
  return { id, title, description: '', category: 'misc', price: 1, currency: 'USD', stock: 1, tags: [] };
}

/** A fake store backend whose catalog version and products the test controls. */
function fakeStore() {
  const state = {
    version: 1 as number | undefined,
    products: [product('1', 'Red Lamp')],
    productLoads: 0,
    versionReads: 0,
    clock: 0,
  };
  const service = new CatalogService({
    loadProducts: async () => {
      state.productLoads += 1;
      return state.products;
    },
    loadCatalogVersion: async () => {
      state.versionReads += 1;
      return state.version;
    },
    versionCheckMs: 1000,
    now: () => state.clock,
  });
  return { state, service };
}

describe('CatalogService', () => {
  it('builds the index once and serves it without reading the version again within versionCheckMs', async () => {
    // Prepare
    const { state, service } = fakeStore();

    // Act
    const first = await service.getIndex('demo');
    state.clock = 999;
    const second = await service.getIndex('demo');

    // Assess
    expect(second).toBe(first);
    expect(first.get('1')?.title).toBe('Red Lamp');
    expect(state.productLoads).toBe(1);
    expect(state.versionReads).toBe(1);
  });

  it('reads the version again after versionCheckMs and keeps the index when it has not changed', async () => {
    // Prepare
    const { state, service } = fakeStore();
    const first = await service.getIndex('demo');

    // Act
    state.clock = 1000;
    const second = await service.getIndex('demo');

    // Assess
    expect(second).toBe(first);
    expect(state.versionReads).toBe(2);
    expect(state.productLoads).toBe(1);
  });

  it('rebuilds the index when the catalog version changes', async () => {
    // Prepare
    const { state, service } = fakeStore();
    const first = await service.getIndex('demo');
    state.version = 2;
    state.products = [product('2', 'Blue Chair')];

    // Act
    state.clock = 1500;
    const second = await service.getIndex('demo');

    // Assess
    expect(second).not.toBe(first);
    expect(second.get('2')?.title).toBe('Blue Chair');
    expect(second.get('1')).toBeUndefined();
    expect(state.productLoads).toBe(2);
  });

  it('shares one load and build among concurrent callers', async () => {
    // Prepare
    let releaseProducts: (products: Product[]) => void = () => undefined;
    let productLoads = 0;
    const service = new CatalogService({
      loadProducts: () => {
        productLoads += 1;
        return new Promise<Product[]>((resolve) => (releaseProducts = resolve));
      },
      loadCatalogVersion: async () => 7,
    });

    // Act
    const pending = Array.from({ length: 5 }, () => service.getIndex('demo'));
    await waitFor(() => productLoads > 0, 'the products to start loading');
    releaseProducts([product('1', 'Red Lamp')]);
    const indexes = await Promise.all(pending);

    // Assess
    expect(productLoads).toBe(1);
    expect(new Set(indexes).size).toBe(1);
    expect(indexes[0].size).toBe(1);
  });

  it('keeps each store apart', async () => {
    // Prepare
    const service = new CatalogService({
      loadProducts: async (storeId) => [product(storeId, `${storeId} product`)],
      loadCatalogVersion: async () => 1,
    });

    // Act
    const [a, b] = await Promise.all([service.getIndex('store-a'), service.getIndex('store-b')]);

    // Assess
    expect(a.get('store-a')).toBeDefined();
    expect(a.get('store-b')).toBeUndefined();
    expect(b.get('store-b')).toBeDefined();
  });

  it('passes a loader failure to the caller and tries again on the next call', async () => {
    // Prepare
    let failNext = true;
    const service = new CatalogService({
      loadProducts: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('storage unavailable');
        }
        return [product('1', 'Red Lamp')];
      },
      loadCatalogVersion: async () => 1,
    });

    // Act
    const failure = service.getIndex('demo');
    await expect(failure).rejects.toThrow('storage unavailable');
    const index = await service.getIndex('demo');

    // Assess
    expect(index.get('1')?.title).toBe('Red Lamp');
  });

  it('loads again after invalidate', async () => {
    // Prepare
    const { state, service } = fakeStore();
    await service.getIndex('demo');

    // Act
    service.invalidate('demo');
    await service.getIndex('demo');

    // Assess
    expect(state.productLoads).toBe(2);
  });
});
