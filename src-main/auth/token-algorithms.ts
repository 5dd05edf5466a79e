/**
 * The signature algorithms a Bearer token may use: asymmetric only (RSA PKCS#1, RSA-PSS,
 * ECDSA). `none` (unsigned) and `HS*` are refused: a trigger holds only public keys, and
 * accepting HMAC would let anyone who has the public key (it is public) forge tokens.
 */
export const ALLOWED_TOKEN_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** Clock skew tolerated on `exp` and `nbf`: 5 minutes, Azure AD's default (`ClockSkew`). */
export const TOKEN_CLOCK_SKEW_SECONDS = 300;
