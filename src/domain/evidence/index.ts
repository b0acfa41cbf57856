// Minh chứng (evidence files) in the domain: shared limits and the byte sniffing of file kinds.
// Re-exports only; the phone (src/evidence) and the server (server/files) import through here.
export * from './limits.ts';
export * from './sniff.ts';
