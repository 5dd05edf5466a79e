import type { CallNode, ExpressionNode } from './ast.ts';
import { ExpressionError } from './errors.ts';
import { lookupFunction } from './functions/index.ts';
import { microsoftName } from './functions/microsoft-catalog.ts';
import { describeArity } from './registry.ts';
import type { Segment } from './syntax-error.ts';

/**
 * Checks what Azure checks when a workflow is saved: every function exists and gets an
 * allowed number of arguments. Returns one error per problem, in source order.
 */
export function validateNode(node: ExpressionNode, seg: Segment): ExpressionError[] {
  const problems: ExpressionError[] = [];
  visit(node, (call) => {
    const problem = checkCall(call, seg);
    if (problem) problems.push(problem);
  });
  return problems;
}

/** Calls `onCall` for every call node, outer calls first, arguments left to right. */
export function visit(node: ExpressionNode, onCall: (call: CallNode) => void): void {
  if (node.kind === 'call') {
    onCall(node);
    for (const arg of node.args) visit(arg, onCall);
  } else if (node.kind === 'access') {
    visit(node.target, onCall);
    visit(node.member, onCall);
  }
}

function checkCall(call: CallNode, seg: Segment): ExpressionError | undefined {
  const source = seg.text.slice(seg.start, seg.end);
  const spec = lookupFunction(call.name);
  if (!spec) {
    const known = microsoftName(call.name);
    if (known) {
      return new ExpressionError(
        'UnsupportedFunction',
        `The template language function '${known}' is valid on Azure but not supported by Triggerbench yet (in '${source}').`,
        seg.text,
        call.start,
        call.nameEnd,
      );
    }
    return new ExpressionError(
      'UnknownFunction',
      `The template language function '${call.name}' is not defined or not valid (in '${source}'). Check the spelling against Microsoft's expression function reference.`,
      seg.text,
      call.start,
      call.nameEnd,
    );
  }
  const count = call.args.length;
  if (count < spec.minArgs || count > spec.maxArgs) {
    return new ExpressionError(
      'WrongArgumentCount',
      `The template language function '${spec.name}' expects ${describeArity(spec)} but was given ${count}: ${spec.signature}.`,
      seg.text,
      call.start,
      call.end,
    );
  }
  return undefined;
}
