import type { CallNode, ExpressionNode } from './ast.ts';
import { EXPRESSION_LIMITS } from './limits.ts';
import { tokenize } from './lexer.ts';
import type { Token } from './lexer.ts';
import { syntaxError } from './syntax-error.ts';
import type { Segment } from './syntax-error.ts';

const KEYWORDS: Record<string, ExpressionNode['kind']> = { true: 'boolean', false: 'boolean', null: 'null' };

/**
 * Parses one expression (the text after a leading `@`, or inside `@{ }`) into an AST.
 * Grammar (Logic Apps): a literal (string, number, true, false, null) or a function call,
 * and after a call any chain of member accesses `.name`, `[expr]`, `?.name`, `?[expr]`.
 * Throws an ExpressionError (syntax code) on the first problem.
 */
export function parseExpression(seg: Segment): ExpressionNode {
  const tokens = tokenize(seg);
  if (tokens.length === 1) {
    throw syntaxError(
      'EmptyExpression',
      `the expression is empty; write a function call or a literal after '@', or escape a literal '@' as '@@'`,
      seg,
      seg.start,
      seg.end,
    );
  }
  const parser = new Parser(seg, tokens);
  const node = parser.parseValue(0);
  const next = parser.peek();
  if (next.kind !== 'end') {
    throw syntaxError(
      'UnexpectedToken',
      next.kind === ','
        ? `an expression is a single value, but a ',' follows it; put several values inside a function call such as concat(...)`
        : `'${describe(next)}' is not expected after the end of the expression`,
      seg,
      next.start,
      next.end,
    );
  }
  return node;
}

function describe(token: Token): string {
  return token.kind === 'string' ? `'${token.text}'` : token.kind === 'end' ? 'end of expression' : token.text;
}

class Parser {
  readonly seg: Segment;
  readonly tokens: Token[];
  pos = 0;

  constructor(seg: Segment, tokens: Token[]) {
    this.seg = seg;
    this.tokens = tokens;
  }

  peek(): Token {
    return this.tokens[this.pos]!;
  }

  next(): Token {
    return this.tokens[this.pos++]!;
  }

  expect(kind: Token['kind'], what: string): Token {
    const token = this.peek();
    if (token.kind !== kind) {
      throw syntaxError(
        'UnexpectedToken',
        `expected ${what} but found ${token.kind === 'end' ? 'the end of the expression' : `'${describe(token)}'`}`,
        this.seg,
        token.start,
        Math.max(token.end, token.start + 1),
      );
    }
    return this.next();
  }

  /** A literal or a call with its member accesses; `depth` counts nested calls and brackets. */
  parseValue(depth: number): ExpressionNode {
    const token = this.next();
    if (depth >= EXPRESSION_LIMITS.maxDepth) {
      throw syntaxError(
        'ExpressionTooDeep',
        `the expression nests deeper than ${EXPRESSION_LIMITS.maxDepth} levels; split it into several actions (for example Compose)`,
        this.seg,
        token.start,
        token.end,
      );
    }
    switch (token.kind) {
      case 'string':
        return this.noAccessAfter({ kind: 'string', value: token.text, start: token.start, end: token.end });
      case 'number':
        return this.noAccessAfter({
          kind: 'number',
          value: token.value!,
          isFloat: token.isFloat!,
          start: token.start,
          end: token.end,
        });
      case 'identifier': {
        const keyword = KEYWORDS[token.text.toLowerCase()];
        if (keyword && this.peek().kind !== '(') {
          if (keyword === 'null') return this.noAccessAfter({ kind: 'null', start: token.start, end: token.end });
          return this.noAccessAfter({
            kind: 'boolean',
            value: token.text.toLowerCase() === 'true',
            start: token.start,
            end: token.end,
          });
        }
        if (this.peek().kind !== '(') {
          throw syntaxError(
            'UnexpectedToken',
            `'${token.text}' is not a function call or a literal; call a function with parentheses, such as ${token.text}(), or quote text in single quotes, such as '${token.text}'`,
            this.seg,
            token.start,
            token.end,
          );
        }
        return this.parseAccessChain(this.parseCall(token, depth), depth);
      }
      default:
        throw syntaxError(
          'UnexpectedToken',
          token.kind === 'end'
            ? `the expression ends where a value is expected`
            : `'${describe(token)}' is not expected here; a value (function call or literal) is expected`,
          this.seg,
          token.start,
          Math.max(token.end, token.start + 1),
        );
    }
  }

  /** Logic Apps allows member access only after a function call, not after a literal. */
  noAccessAfter(node: ExpressionNode): ExpressionNode {
    const token = this.peek();
    if (token.kind === '.' || token.kind === '[' || token.kind === '?') {
      throw syntaxError(
        'UnexpectedToken',
        `'${token.text}' cannot follow a literal; member access is only allowed after a function call, such as json('{}')['x']`,
        this.seg,
        token.start,
        token.end,
      );
    }
    if (token.kind === '(') {
      throw syntaxError('UnexpectedToken', `a literal cannot be called like a function`, this.seg, token.start, token.end);
    }
    return node;
  }

  parseCall(name: Token, depth: number): CallNode {
    this.next(); // '('
    const args: ExpressionNode[] = [];
    if (this.peek().kind !== ')') {
      for (;;) {
        args.push(this.parseValue(depth + 1));
        const sep = this.peek();
        if (sep.kind === ',') {
          this.next();
          continue;
        }
        if (sep.kind === ')') break;
        throw syntaxError(
          'UnexpectedToken',
          sep.kind === 'end'
            ? `the call to '${name.text}' is not closed; add ')'`
            : `expected ',' or ')' in the call to '${name.text}' but found '${describe(sep)}'`,
          this.seg,
          sep.start,
          Math.max(sep.end, sep.start + 1),
        );
      }
    }
    const close = this.next();
    return { kind: 'call', name: name.text, args, start: name.start, nameEnd: name.end, end: close.end };
  }

  parseAccessChain(target: ExpressionNode, depth: number): ExpressionNode {
    let node = target;
    for (;;) {
      const token = this.peek();
      let nullSafe = false;
      if (token.kind === '?') {
        this.next();
        nullSafe = true;
      }
      const op = this.peek();
      if (op.kind === '.') {
        this.next();
        const name = this.expect('identifier', `a property name after '.'`);
        node = {
          kind: 'access',
          target: node,
          member: { kind: 'string', value: name.text, start: name.start, end: name.end },
          nullSafe,
          dot: true,
          start: node.start,
          end: name.end,
        };
      } else if (op.kind === '[') {
        this.next();
        const member = this.parseValue(depth + 1);
        const close = this.expect(']', `']' to close the '['`);
        node = { kind: 'access', target: node, member, nullSafe, dot: false, start: node.start, end: close.end };
      } else if (nullSafe) {
        throw syntaxError(
          'UnexpectedToken',
          `'?' must be followed by '.name' or '[...]', as in triggerBody()?['name']`,
          this.seg,
          token.start,
          token.end,
        );
      } else {
        return node;
      }
    }
  }
}
