// Analytics types and zod schemas shared by core (which computes them) and the renderer (which shows them).
export * from './breakdowns';
export * from './exceptions';
export * from './metrics';
export * from './period';
export * from './scenes';
