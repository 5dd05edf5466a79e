/** Reason phrases for the statuses a Logic Apps caller meets (the listener's own text wins when sent). */
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 206: 'Partial Content',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** The standard reason phrase of a status code ('' when unknown). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** Colour class of a status: success (2xx), redirect (3xx), client error (4xx), server error (5xx). */
export type StatusTone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

/** Maps a status code to the tone the console colours it with. */
export function statusTone(status: number | undefined): StatusTone {
  if (status === undefined) return 'neutral';
  if (status >= 200 && status < 300) return 'success';
  if (status >= 300 && status < 400) return 'info';
  if (status >= 400 && status < 500) return 'warning';
  if (status >= 500) return 'danger';
  return 'neutral';
}

/** Tone of a run or action status. */
export function runStatusTone(status: string): StatusTone {
  switch (status) {
    case 'Succeeded':
      return 'success';
    case 'Running':
      return 'info';
    case 'Failed':
    case 'TimedOut':
      return 'danger';
    case 'Rejected':
    case 'Cancelled':
      return 'warning';
    default:
      return 'neutral';
  }
}
