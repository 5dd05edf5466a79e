/** The two workflows the engine benchmark compares (docs/benchmarks.md, "Engine"). */

type Json = Record<string, unknown>;

const after = (previous: string | undefined, action: Json): Json => ({ ...action, runAfter: previous ? { [previous]: ['Succeeded'] } : {} });

/** One Compose then the Response: the engine's fixed cost per run. */
export function singleComposeDefinition(): Json {
  return {
    triggers: { manual: { type: 'Request', kind: 'Http' } },
    actions: {
      Compose: after(undefined, { type: 'Compose', inputs: '@triggerBody()' }),
      Response: after('Compose', { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@outputs('Compose')" } }),
    },
  };
}

/**
 * Fifty actions as real workflows use them: five variables, a 100-item Foreach (20 at a
 * time) holding a Compose and an If that increments or appends, conditions with nested
 * Composes, a Scope, a Compose chain, and the Response. About 350 action runs per run.
 */
export function fiftyActionDefinition(): Json {
  const actions: Record<string, Json> = {};
  let previous: string | undefined;
  const add = (name: string, action: Json): void => {
    actions[name] = after(previous, action);
    previous = name;
  };
  add('Init_total', { type: 'InitializeVariable', inputs: { variables: [{ name: 'total', type: 'Integer', value: 0 }] } });
  add('Init_odd', { type: 'InitializeVariable', inputs: { variables: [{ name: 'odd', type: 'Array', value: [] }] } });
  add('Init_text', { type: 'InitializeVariable', inputs: { variables: [{ name: 'text', type: 'String', value: '' }] } });
  add('Init_flag', { type: 'InitializeVariable', inputs: { variables: [{ name: 'flag', type: 'Boolean', value: false }] } });
  add('Init_ratio', { type: 'InitializeVariable', inputs: { variables: [{ name: 'ratio', type: 'Float', value: 0.5 }] } });
  add('Each_item', {
    type: 'Foreach',
    foreach: '@range(0, 100)',
    actions: {
      Square: { type: 'Compose', inputs: '@mul(item(), item())', runAfter: {} },
      Is_even: {
        type: 'If',
        expression: { and: [{ equals: ['@mod(item(), 2)', 0] }] },
        actions: { Add_square: { type: 'IncrementVariable', inputs: { name: 'total', value: "@outputs('Square')" }, runAfter: {} } },
        else: { actions: { Remember_odd: { type: 'AppendToArrayVariable', inputs: { name: 'odd', value: '@item()' }, runAfter: {} } } },
        runAfter: { Square: ['Succeeded'] },
      },
    },
  });
  // 10 conditions, each with a Compose in either branch: 30 actions.
  for (let i = 0; i < 10; i++) {
    add(`Check_${i}`, {
      type: 'If',
      expression: { and: [{ greater: ["@variables('total')", i * 1000] }] },
      actions: { [`Big_${i}`]: { type: 'Compose', inputs: { at: i, total: "@variables('total')" }, runAfter: {} } },
      else: { actions: { [`Small_${i}`]: { type: 'Compose', inputs: "@concat('small ', string(" + String(i) + '))', runAfter: {} } } },
    });
  }
  add('Tally', { type: 'Scope', actions: { Count_odd: { type: 'Compose', inputs: "@length(variables('odd'))", runAfter: {} } } });
  add('Set_flag', { type: 'SetVariable', inputs: { name: 'flag', value: "@greater(variables('total'), 100)" } });
  add('Append_text', { type: 'AppendToStringVariable', inputs: { name: 'text', value: "@{variables('total')}" } });
  for (let i = 0; i < 5; i++) add(`Step_${i}`, { type: 'Compose', inputs: { step: i, text: "@variables('text')", trigger: "@triggerBody()?['name']" } });
  add('Response', { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: { total: "@variables('total')", odd: "@length(variables('odd'))", flag: "@variables('flag')" } } });
  return { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions };
}

/** Actions defined in a definition, at every depth. */
export function countActions(actions: Record<string, Json> | undefined): number {
  let count = 0;
  for (const action of Object.values(actions ?? {})) {
    count++;
    count += countActions(action.actions as Record<string, Json> | undefined);
    count += countActions((action.else as Json | undefined)?.actions as Record<string, Json> | undefined);
  }
  return count;
}
