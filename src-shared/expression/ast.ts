/**
 * AST of one expression. Every node carries its source range [start, end) as offsets into
 * the whole template text (the JSON string value), so errors and editor diagnostics can
 * point at the exact characters.
 */
export type ExpressionNode = StringNode | NumberNode | BooleanNode | NullNode | CallNode | AccessNode;

/** A single-quoted string literal (`''` already turned into `'`). */
export interface StringNode {
  kind: 'string';
  value: string;
  start: number;
  end: number;
}

/** A number literal; `isFloat` when written with a `.` or an exponent (.NET keeps int and float apart). */
export interface NumberNode {
  kind: 'number';
  value: number;
  isFloat: boolean;
  start: number;
  end: number;
}

/** `true` or `false`. */
export interface BooleanNode {
  kind: 'boolean';
  value: boolean;
  start: number;
  end: number;
}

/** `null`. */
export interface NullNode {
  kind: 'null';
  start: number;
  end: number;
}

/** A function call `name(args)`; `nameEnd` bounds the name for diagnostics. */
export interface CallNode {
  kind: 'call';
  name: string;
  args: ExpressionNode[];
  start: number;
  nameEnd: number;
  end: number;
}

/**
 * Member access on `target`: `.name` (`dot`, member is a string node), `[expr]`, and their
 * null-safe forms with `?` (`x?.y`, `x?['y']`).
 */
export interface AccessNode {
  kind: 'access';
  target: ExpressionNode;
  member: ExpressionNode;
  nullSafe: boolean;
  dot: boolean;
  start: number;
  end: number;
}
