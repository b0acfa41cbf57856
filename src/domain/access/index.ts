// The access policy's entry point: roles, principals, read and write refusals (codes). Re-exports only.
export * from './roles.ts';
export * from './policy.ts';
