import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { findJsonDepthExcess } from '../../../src-shared/json-depth.ts';
import type { BodyCapture } from '../../../src-shared/runs.ts';
import { Button } from '../../components/button.tsx';
import { Segmented } from '../../components/form-controls.tsx';
import { isTreeValue, JsonTree } from '../../components/json-tree.tsx';
import { Notice } from '../../components/notices.tsx';
import { formatBytes } from '../../lib/format.ts';
import { PdfPreview } from './pdf-preview.tsx';

/** The JSON value of a captured body, when it is JSON. */
export function bodyJson(body: BodyCapture): { ok: true; value: unknown } | { ok: false } {
  if (body.text === undefined || body.truncated) return { ok: false };
  const text = body.text.trim();
  if (!(text.startsWith('{') || text.startsWith('[') || /json/i.test(body.contentType ?? ''))) return { ok: false };
  // Deeper JSON is shown raw: the tree and its copy/format helpers walk values recursively.
  if (findJsonDepthExcess(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Bodies above this many characters are shown as text only: the tree would cost seconds to build. */
export const PRETTY_LIMIT = 8 * 1024 * 1024;
/** At most this many search hits are marked (the count still covers all). */
const MAX_MARKS = 2000;

/** Every start offset of `query` in `text`, case-insensitively. */
function findAll(text: string, query: string): number[] {
  const hits: number[] = [];
  if (!query) return hits;
  const hay = text.toLowerCase();
  const needle = query.toLowerCase();
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) hits.push(at);
  return hits;
}

/** A file name for a saved body, from its content type. */
function fileNameFor(label: string, contentType: string | undefined): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const ext = /json/.test(type) ? 'json' : /xml/.test(type) ? 'xml' : /html/.test(type) ? 'html' : type.startsWith('text/') ? 'txt' : type === 'application/pdf' ? 'pdf' : type.startsWith('image/') ? type.slice(6).replace('svg+xml', 'svg') : 'bin';
  return `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${ext}`;
}

/** The body's bytes (base64 bodies decoded, text bodies as UTF-8). */
function bodyBytes(body: BodyCapture): Uint8Array<ArrayBuffer> {
  if (body.text !== undefined) return new TextEncoder().encode(body.text);
  return Uint8Array.from(atob(body.base64 ?? ''), (c) => c.charCodeAt(0));
}

/** The body's bytes as a Blob. */
function bodyBlob(body: BodyCapture): Blob {
  return new Blob([bodyBytes(body)], { type: body.contentType ?? 'application/octet-stream' });
}

/** Text with the search hits marked; the active one is scrolled into view. */
function MarkedText({ text, hits, length, active, label }: { text: string; hits: number[]; length: number; active: number; label: string }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    ref.current?.querySelector('mark.hit-active')?.scrollIntoView({ block: 'center' });
  }, [active, hits]);
  const parts: ReactNode[] = [];
  let last = 0;
  hits.slice(0, MAX_MARKS).forEach((at, i) => {
    parts.push(text.slice(last, at));
    parts.push(
      <mark key={at} className={i === active ? 'hit hit-active' : 'hit'}>
        {text.slice(at, at + length)}
      </mark>,
    );
    last = at + length;
  });
  parts.push(text.slice(last));
  return (
    <pre ref={ref} className="raw mono" tabIndex={0} aria-label={label}>
      {parts}
    </pre>
  );
}

/**
 * A captured body: a collapsible JSON tree (Pretty) or the text as received (Raw), an
 * image or PDF preview, search within the text, and Save to a file.
 */
export function BodyView({ body, label, compact = false, refused = false }: { body: BodyCapture; label: string; compact?: boolean; refused?: boolean }) {
  const tooBig = (body.text?.length ?? 0) > PRETTY_LIMIT;
  const parsed = useMemo(() => (tooBig ? ({ ok: false } as const) : bodyJson(body)), [body, tooBig]);
  const image = body.base64 !== undefined && /^image\/(png|jpeg|gif|webp|bmp|svg\+xml)/i.test(body.contentType ?? '');
  const pdf = (body.base64 !== undefined || body.text !== undefined) && /^application\/pdf\b/i.test(body.contentType ?? '');
  const pdfBytes = useMemo(() => (pdf ? bodyBytes(body) : null), [body, pdf]);
  const [mode, setMode] = useState<'pretty' | 'raw'>('pretty');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const imageUrl = useMemo(() => (image ? URL.createObjectURL(bodyBlob(body)) : undefined), [body, image]);
  useEffect(() => () => (imageUrl ? URL.revokeObjectURL(imageUrl) : undefined), [imageUrl]);
  const raw = body.text ?? body.base64 ?? '';
  const pretty = parsed.ok && mode === 'pretty';
  const shownText = useMemo(() => (pretty ? JSON.stringify(parsed.ok ? parsed.value : null, null, 2) : raw), [pretty, parsed, raw]);
  const hits = useMemo(() => findAll(query ? shownText : '', query), [shownText, query]);
  // A call refused before its body was read (auth, method, size) has a size from
  // Content-Length but no captured bytes: say so, rather than show an empty strip.
  const unread = body.text === undefined && body.base64 === undefined && (body.size > 0 || refused);
  if (unread) {
    return (
      <p className="muted small body-unread">
        Body not read{body.size > 0 ? ` (${formatBytes(body.size)} announced)` : ''}: the call was refused before its body was read, so none was recorded.
      </p>
    );
  }
  if (body.size === 0 && !body.text && !body.base64) return <p className="muted small">Empty body.</p>;
  const save = () => {
    const url = URL.createObjectURL(bodyBlob(body));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameFor(label, body.contentType);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const step = (by: number) => setActive((current) => (hits.length === 0 ? 0 : (current + by + Math.min(hits.length, MAX_MARKS)) % Math.min(hits.length, MAX_MARKS)));
  return (
    <div className={`body-view ${compact ? 'body-view-compact' : ''}`}>
      <div className="body-view-bar">
        {parsed.ok || pdf ? (
          <Segmented<'pretty' | 'raw'>
            size="sm"
            label={`${label} view`}
            value={mode}
            onChange={setMode}
            options={[
              { id: 'pretty', label: pdf ? 'Preview' : 'Pretty' },
              { id: 'raw', label: 'Raw' },
            ]}
          />
        ) : null}
        {body.text !== undefined ? (
          <span className="body-search">
            <input
              type="search"
              className="input input-sm"
              placeholder="Find in body"
              aria-label={`Find in ${label.toLowerCase()}`}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  step(e.shiftKey ? -1 : 1);
                }
              }}
            />
            {query ? (
              <span className="small muted" aria-live="polite">
                {hits.length === 0 ? 'No match' : `${Math.min(active + 1, hits.length)} of ${hits.length.toLocaleString()}`}
              </span>
            ) : null}
          </span>
        ) : null}
        <span className="spacer" />
        <Button size="sm" variant="ghost" icon="download" onClick={save} title={`Save the ${body.truncated ? 'kept part of the ' : ''}body to a file`}>
          Save
        </Button>
      </div>
      {body.truncated ? <Notice tone="info">Only the first {formatBytes(raw.length)} of {formatBytes(body.size)} were kept.</Notice> : null}
      {tooBig ? <Notice tone="info">Large body ({formatBytes(body.size)}): shown as text, without the tree, so it stays responsive.</Notice> : null}
      {pdfBytes && mode === 'pretty' ? (
        <PdfPreview bytes={pdfBytes} label={label} truncated={body.truncated === true} />
      ) : image && imageUrl ? (
        <figure className="body-image">
          <img src={imageUrl} alt={`${label} (${body.contentType}, ${formatBytes(body.size)})`} />
        </figure>
      ) : body.base64 !== undefined && body.text === undefined ? (
        <Notice tone="info">Binary body ({formatBytes(body.size)}{body.contentType ? `, ${body.contentType}` : ''}), shown as base64. Save it to open it in another program.</Notice>
      ) : null}
      {image || (pdf && mode === 'pretty') ? null : query ? (
        <MarkedText text={shownText} hits={hits} length={query.length} active={active} label={label} />
      ) : pretty && parsed.ok && isTreeValue(parsed.value) ? (
        <JsonTree value={parsed.value} label={label} />
      ) : (
        <pre className="raw mono" tabIndex={0} aria-label={label}>
          {shownText}
        </pre>
      )}
    </div>
  );
}
