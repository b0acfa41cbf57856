// The province's review (issue #14) in the pure domain: its codes and the dossier's state machine. Re-exports only.
export * from './codes.ts';
export * from './states.ts';
export * from './snapshot.ts';
