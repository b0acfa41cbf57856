// Entry point of the valibot schemas, glossary labels, problems and date helpers.
// Re-exports only.

export * from './entities.ts';
export * from './labels.ts';
export * from './problems.ts';
export * from './dates.ts';
export * from './assess-input.ts';
export * from './text.ts';
export * from './record-rules.ts';
