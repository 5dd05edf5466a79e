/**
 * Frozen limits of the expression language. Logic Apps refuses an expression longer than
 * 8,192 characters (Azure's documented limit; docs/expression.md); Azure documents no
 * nesting limit, so Triggerbench picks one generous enough for real files (the deepest
 * fixture nests 7 calls) that still keeps the recursive parser and evaluator far from the
 * JavaScript stack limit.
 */
export const EXPRESSION_LIMITS: Readonly<{ maxLength: 8192; maxDepth: number }> = Object.freeze({
  maxLength: 8192,
  maxDepth: 64,
});
