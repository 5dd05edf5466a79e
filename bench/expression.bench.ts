/**
 * Expression benchmark: `node bench/expression.bench.ts [--seconds S] [--rounds R] [--json]`.
 * Evaluates a representative mix of templates (parsed once, from the template cache, as a
 * run evaluates its actions' inputs) against a baseline measured in the same run: direct
 * JavaScript computing the same values. Prints evaluations per second of each and their
 * ratio; never pass/fail. Both sides are checked to produce identical values first.
 */
import { performance } from 'node:perf_hooks';
import { evaluateTemplate, type ExpressionContext } from '../src-shared/expression/index.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 1);
const ROUNDS = option('rounds', 5);
const JSON_OUT = args.includes('--json');

const body = {
  orderId: 'ORD-1042',
  customer: { name: 'Contoso', tier: 'gold' },
  qty: '4',
  price: 19.99,
  date: '2025-03-14T09:26:53Z',
  tags: 'new,priority,export',
  lines: [{ sku: 'A-1' }, { sku: 'B-2' }],
};
const trigger = { name: 'manual', outputs: { headers: { 'Content-Type': 'application/json' }, body } };
const ctx: ExpressionContext = {
  trigger: () => trigger,
  action: () => undefined,
  parameter: (name) => (name === 'default' ? { found: true, value: 'fallback' } : { found: false }),
  appsetting: () => undefined,
  workflow: () => ({ name: 'orders', run: { name: 'r1' } }),
};

/** A template, and the same value computed by hand in JavaScript. */
interface Case {
  template: string;
  direct: () => unknown;
}

const pad = (n: number): string => String(n).padStart(2, '0');
// Built once, as a hand-written program would keep it.
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const CASES: Case[] = [
  { template: "@triggerBody()?['customer']?['name']", direct: () => trigger.outputs.body?.customer?.name },
  {
    template: "Hello @{triggerBody()?['customer']?['name']}, order @{triggerBody()?['orderId']}",
    direct: () => `Hello ${trigger.outputs.body.customer.name}, order ${trigger.outputs.body.orderId}`,
  },
  {
    template: "@concat(toUpper(triggerBody()?['customer']?['name']), '-', string(add(int(triggerBody()?['qty']), 1)))",
    direct: () => `${trigger.outputs.body.customer.name.toUpperCase()}-${String(parseInt(trigger.outputs.body.qty, 10) + 1)}`,
  },
  { template: "@if(greater(length(triggerBody()?['lines']), 1), 'many', 'one')", direct: () => (trigger.outputs.body.lines.length > 1 ? 'many' : 'one') },
  {
    template: "@formatDateTime(triggerBody()?['date'], 'yyyy-MM-dd')",
    direct: () => {
      const d = new Date(trigger.outputs.body.date);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    },
  },
  { template: "@join(split(triggerBody()?['tags'], ','), ' | ')", direct: () => trigger.outputs.body.tags.split(',').join(' | ') },
  { template: "@coalesce(triggerBody()?['missing'], parameters('default'))", direct: () => (trigger.outputs.body as Record<string, unknown>).missing ?? 'fallback' },
  {
    template: "@equals(toLower(triggerOutputs()?['headers']?['Content-Type']), 'application/json')",
    direct: () => trigger.outputs.headers['Content-Type'].toLowerCase() === 'application/json',
  },
  { template: '@first(sort(createArray(3, 1, 2)))', direct: () => [3, 1, 2].sort((a, b) => a - b)[0] },
  {
    template: "@formatNumber(mul(triggerBody()?['price'], 3), 'N2')",
    direct: () => twoDecimals.format(trigger.outputs.body.price * 3),
  },
];

/** Evaluations per second of `fn` over the whole mix, for about SECONDS. */
function measure(run: (c: Case) => unknown): number {
  let count = 0;
  let sink = 0;
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    for (let k = 0; k < 50; k++) {
      for (const c of CASES) {
        const value = run(c);
        sink += typeof value === 'string' ? value.length : 1;
      }
      count += CASES.length;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  if (sink === -1) process.stdout.write('');
  return count / elapsed;
}

const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

for (const c of CASES) {
  const a = JSON.stringify(evaluateTemplate(c.template, ctx));
  const b = JSON.stringify(c.direct());
  if (a !== b) {
    process.stderr.write(`MISMATCH: ${c.template}\n  expression: ${a}\n  javascript: ${b}\n`);
    process.exit(1);
  }
}

// Warm both paths (JIT, the template cache) before measuring.
measure((c) => evaluateTemplate(c.template, ctx));
measure((c) => c.direct());

const expression: number[] = [];
const direct: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  expression.push(measure((c) => evaluateTemplate(c.template, ctx)));
  direct.push(measure((c) => c.direct()));
}
const result = {
  templates: CASES.length,
  rounds: ROUNDS,
  expressionPerSecond: Math.round(median(expression)),
  directPerSecond: Math.round(median(direct)),
  ratio: median(expression) / median(direct),
  microsecondsPerEvaluation: 1e6 / median(expression),
};
if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    [
      `expression mix: ${CASES.length} templates, median of ${ROUNDS} rounds of ${SECONDS} s`,
      `  expressions (cached parse): ${result.expressionPerSecond.toLocaleString('en-US')} evaluations/s (${result.microsecondsPerEvaluation.toFixed(2)} us each)`,
      `  direct JavaScript (baseline): ${result.directPerSecond.toLocaleString('en-US')} evaluations/s`,
      `  ratio expression/baseline: ${result.ratio.toFixed(4)}`,
      '',
    ].join('\n'),
  );
}
