import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { quote, stringArg } from './args.ts';

/** The parts of an absolute URI, as .NET's Uri class exposes them. */
interface UriParts {
  scheme: string;
  host: string;
  port: number;
  path: string;
  query: string;
}

// RFC 3986 appendix B: scheme, authority, path, query, fragment.
const URI = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/i;

// Default ports .NET's Uri knows for the schemes workflows use; -1 where there is none.
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21, ws: 80, wss: 443, sftp: 22, ldap: 389, nntp: 119, gopher: 70, telnet: 23, news: -1, mailto: 25, file: -1 };

/** Parses an absolute URI, or fails the call the way Azure does for a relative or malformed one. */
function parseUri(args: unknown[], call: FunctionCall): UriParts {
  const text = stringArg(args, 0, call);
  const match = URI.exec(text.trim());
  const authority = match?.[2];
  const hostPort = authority === undefined ? undefined : /^(?:[^@]*@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!match || authority === undefined || !hostPort || hostPort[1] === '') {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} expects its parameter to be a well-formed absolute URI such as 'https://contoso.com/path?query', but got '${quote(text)}'.`,
      0,
    );
  }
  const scheme = match[1]!.toLowerCase();
  const explicitPort = hostPort[2];
  const port = explicitPort ? Number(explicitPort) : (DEFAULT_PORTS[scheme] ?? -1);
  if (port > 65535) {
    return call.fail('InvalidArgument', `${call.prefix} was given the port ${explicitPort}, which is above 65535.`, 0);
  }
  // .NET escapes spaces and other characters a URI cannot hold; '%' escapes stay as written.
  const escape = (part: string): string => part.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  return {
    scheme,
    host: hostPort[1]!.toLowerCase(),
    port,
    path: escape(match[3] === '' ? '/' : match[3]!),
    query: escape(match[4] ?? ''),
  };
}

function uriFunction(name: string, pick: (parts: UriParts) => unknown): FunctionSpec {
  return { name, minArgs: 1, maxArgs: 1, signature: `${name}(uri)`, fn: (args, call) => pick(parseUri(args, call)) };
}

/** URI parsing functions (Microsoft's "URI parsing functions" table). */
export const uriFunctions: readonly FunctionSpec[] = [
  uriFunction('uriScheme', (p) => p.scheme),
  uriFunction('uriHost', (p) => p.host),
  uriFunction('uriPort', (p) => p.port),
  uriFunction('uriPath', (p) => p.path),
  // The query keeps its '?', as .NET's Uri.Query does; '' when there is none.
  uriFunction('uriQuery', (p) => p.query),
  uriFunction('uriPathAndQuery', (p) => p.path + p.query),
];
