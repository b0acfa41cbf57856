// The domain's entry point: catalog, schemas, readiness engine and its explanations, demo data.
// Re-exports only; the UI, db, sync and server import the domain through here. No app code.

export type * from './assess-types.ts';
export * from './catalog/index.ts';
export * from './schemas/index.ts';
export { demoCommune } from './demo-commune.ts';
export type { DemoCommune, DemoVillage } from './demo-commune.ts';
export * from './readiness/index.ts';
