import { describe, expect, it } from 'vitest';
import { EXAMPLE_STATE, PINNED_CLOCK, REFERENCE_EXAMPLES, type Example } from './reference-examples.ts';
import { ev, triggerWith } from './helpers.ts';

// Every example of Microsoft's function reference, through the evaluator; the same table
// runs through real workflow runs in test/integration/reference-examples.test.ts.

function clockFor(example: Example): Date | undefined {
  const name = /^(\w+)\(/.exec(example.expr)?.[1] as keyof typeof PINNED_CLOCK | undefined;
  return name ? PINNED_CLOCK[name] : undefined;
}

/** Checks a value against an example's documented result (or pattern / possible values). */
export function expectDocumented(example: Example, value: unknown, pinned: boolean): void {
  if (example.oneOf) expect(example.oneOf).toContainEqual(value);
  else if (example.result !== undefined && (pinned || !example.clock)) expect(value).toEqual(example.result);
  else expect(String(value)).toMatch(example.pattern!);
}

for (const [category, examples] of Object.entries(REFERENCE_EXAMPLES)) {
  describe(`${category} functions: the reference's examples`, () => {
    it.each(examples.map((e) => [e.expr, e] as const))('%s', (_expr, example) => {
      const now = clockFor(example);
      expectDocumented(example, ev(`@${example.expr}`, { ...EXAMPLE_STATE, ...(now ? { now } : {}), ...example.state }), true);
    });
  });
}

// The workflow functions' examples read a run: an action 'Get_user', form posts, loops.
const getUser = {
  name: 'Get_user',
  status: 'Succeeded',
  outputs: {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: { FullName: 'Contoso Corporation', Location: 'Generic Town, USA', Id: 283541717, UserName: 'ContosoInc', status: 'Succeeded' },
  },
};
const sendEmail = { name: 'Send_an_email', outputs: { body: { $formdata: [{ key: 'Subject', value: 'Hello world' }] } } };
const feed = triggerWith({
  '$content-type': 'application/x-www-form-urlencoded',
  $content: Buffer.from('feedUrl=https%3A%2F%2Ffeeds.a.dj.com%2Frss%2FRSSMarketsMain.xml').toString('base64'),
});

describe('workflow functions: the reference\'s examples', () => {
  const state = {
    ...EXAMPLE_STATE,
    trigger: feed,
    actions: { Get_user: getUser, Send_an_email: sendEmail },
    variables: { numItems: 20 },
    item: { body: 'message body' },
    loops: { myForEachLoopName: 'current item' },
    results: { For_each: [{ name: 'HTTP', status: 'Succeeded' }] },
  };
  it.each([
    ["actions('Get_user').outputs.body.status", 'Succeeded'],
    ["body('Get_user')", getUser.outputs.body],
    ["outputs('Get_user')", getUser.outputs],
    ["formDataMultiValues('Send_an_email', 'Subject')", ['Hello world']],
    ["formDataValue('Send_an_email', 'Subject')", 'Hello world'],
    ['item().body', 'message body'],
    ["items('myForEachLoopName')", 'current item'],
    ["parameters('fullName')", 'Sophia Owen'],
    ["concat(parameters('firstName'), parameters('lastName'))", 'SophiaOwen'],
    ["result('For_each')", [{ name: 'HTTP', status: 'Succeeded' }]],
    ["triggerFormDataMultiValues('feedUrl')", ['https://feeds.a.dj.com/rss/RSSMarketsMain.xml']],
    ["triggerFormDataValue('feedUrl')", 'https://feeds.a.dj.com/rss/RSSMarketsMain.xml'],
    ["variables('numItems')", 20],
    ['workflow().run.name', 'r1'],
  ] as const)('%s', (expr, result) => {
    expect(ev(`@${expr}`, state)).toEqual(result);
  });
});
