/** The auth subsystem's public surface: what the listener, CLI and console call. */
export * from './access-control.ts';
export * from './access-control-file.ts';
export * from './access-keys.ts';
export * from './auth-failure.ts';
export * from './authorize.ts';
export * from './ip-rules.ts';
export * from './local-issuer.ts';
export * from './policies.ts';
export * from './sas.ts';
export * from './token-algorithms.ts';
export * from './token-options.ts';
export * from './token-verifier.ts';
export * from './trusted-jwks.ts';
