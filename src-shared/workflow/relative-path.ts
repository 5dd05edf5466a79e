/**
 * A Request trigger's `relativePath` URI template (`/address/{postalCode}`,
 * `{width}/{height}`; the leading slash is optional, docs/logic-apps-behaviour.md §2). Each path
 * segment is literal text, one `{name}` parameter, or text mixed with parameters
 * separated by literal characters (`{name}.{ext}`).
 */
export interface RelativePathTemplate {
  /** The template as written. */
  source: string;
  segments: RelativePathSegment[];
  /** Parameter names in order of appearance. */
  parameterNames: string[];
}

/** One `/`-separated segment of a template. */
export type RelativePathSegment =
  | { kind: 'literal'; value: string }
  | { kind: 'pattern'; source: string; names: string[]; regex: RegExp };

/** Why a template is invalid: a code and a plain message. */
export interface RelativePathError {
  code: 'InvalidRelativePath';
  message: string;
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fail(source: string, why: string): { error: RelativePathError } {
  return { error: { code: 'InvalidRelativePath', message: `relativePath '${source}' is not a valid template: ${why}` } };
}

/** Parses a relativePath template; returns the template or a plain error. */
export function parseRelativePathTemplate(source: string): { template: RelativePathTemplate } | { error: RelativePathError } {
  if (/[?#]/.test(source)) return fail(source, "it may not contain '?' or '#': query values reach the workflow through triggerOutputs()['queries'].");
  if (/\s/.test(source)) return fail(source, 'it may not contain spaces.');
  let body = source.startsWith('/') ? source.slice(1) : source;
  if (body.endsWith('/')) body = body.slice(0, -1);
  const segments: RelativePathSegment[] = [];
  const parameterNames: string[] = [];
  if (body === '') return { template: { source, segments, parameterNames } };
  for (const raw of body.split('/')) {
    if (raw === '') return fail(source, "it has an empty segment ('//').");
    if (!raw.includes('{') && !raw.includes('}')) {
      segments.push({ kind: 'literal', value: raw });
      continue;
    }
    const names: string[] = [];
    let pattern = '';
    let rest = raw;
    let previousWasParam = false;
    while (rest.length > 0) {
      const open = rest.indexOf('{');
      const close = rest.indexOf('}');
      if (open === -1) {
        if (close !== -1) return fail(source, `'}' without a matching '{' in segment '${raw}'.`);
        pattern += escapeRegex(rest);
        break;
      }
      if (close !== -1 && close < open) return fail(source, `'}' without a matching '{' in segment '${raw}'.`);
      if (open > 0) {
        pattern += escapeRegex(rest.slice(0, open));
        previousWasParam = false;
      }
      const end = rest.indexOf('}', open);
      if (end === -1) return fail(source, `'{' without a matching '}' in segment '${raw}'.`);
      const name = rest.slice(open + 1, end);
      if (name.startsWith('*')) return fail(source, `catch-all parameters such as '{${name}}' are not supported; use one parameter per segment.`);
      if (!PARAM_NAME.test(name)) return fail(source, `'{${name}}' is not a valid parameter name (letters, digits, '_' and '-', starting with a letter or '_').`);
      if (previousWasParam) return fail(source, `parameters must be separated by literal text ('${raw}').`);
      if (parameterNames.some((n) => n.toLowerCase() === name.toLowerCase())) return fail(source, `parameter '{${name}}' appears twice.`);
      names.push(name);
      parameterNames.push(name);
      pattern += '(.+?)';
      previousWasParam = true;
      rest = rest.slice(end + 1);
    }
    segments.push({ kind: 'pattern', source: raw, names, regex: new RegExp(`^${pattern}$`, 'is') });
  }
  return { template: { source, segments, parameterNames } };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Matches the part of a request path after `/invoke` against a template. Literal
 * segments compare case-insensitively (ASP.NET routing, which Logic Apps uses);
 * segments are percent-decoded. Returns the parameters, or null when the path does not
 * match (wrong segment count, a literal differs, or a segment is badly encoded).
 */
export function matchRelativePath(template: RelativePathTemplate, path: string): Record<string, string> | null {
  let body = path.startsWith('/') ? path.slice(1) : path;
  if (body.endsWith('/')) body = body.slice(0, -1);
  const parts = body === '' ? [] : body.split('/');
  if (parts.length !== template.segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = template.segments[i]!;
    const decoded = decodeSegment(parts[i]!);
    if (decoded === undefined || decoded === '') return null;
    if (segment.kind === 'literal') {
      if (decoded.toLowerCase() !== segment.value.toLowerCase()) return null;
      continue;
    }
    const match = segment.regex.exec(decoded);
    if (!match) return null;
    segment.names.forEach((name, index) => {
      params[name] = match[index + 1]!;
    });
  }
  return params;
}
