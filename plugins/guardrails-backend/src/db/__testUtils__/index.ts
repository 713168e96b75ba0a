export * from './storeFixtures';
