import { useMemo, useState } from 'react';
import { findJsonDepthExcess } from '../../../src-shared/json-depth.ts';
import type { BodyCapture } from '../../../src-shared/runs.ts';
import { Segmented } from '../../components/form-controls.tsx';
import { isTreeValue, JsonTree } from '../../components/json-tree.tsx';
import { Notice } from '../../components/notices.tsx';
import { formatBytes } from '../../lib/format.ts';

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

/** A captured body: a collapsible JSON tree (Pretty) or the text as received (Raw). */
export function BodyView({ body, label, compact = false, refused = false }: { body: BodyCapture; label: string; compact?: boolean; refused?: boolean }) {
  const parsed = useMemo(() => bodyJson(body), [body]);
  const [mode, setMode] = useState<'pretty' | 'raw'>('pretty');
  // A call refused before its body was read (auth, method, size) has a size from
  // Content-Length but no captured bytes: say so, rather than show an empty strip.
  const unread = body.text === undefined && body.base64 === undefined && (body.size > 0 || refused);
  if (unread && (body.size > 0 || refused)) {
    return (
      <p className="muted small body-unread">
        Body not read{body.size > 0 ? ` (${formatBytes(body.size)} announced)` : ''}: the call was refused before its body was read, so none was recorded.
      </p>
    );
  }
  if (body.size === 0 && !body.text && !body.base64) return <p className="muted small">Empty body.</p>;
  const raw = body.text ?? body.base64 ?? '';
  const pretty = parsed.ok && mode === 'pretty';
  return (
    <div className={`body-view ${compact ? 'body-view-compact' : ''}`}>
      {parsed.ok ? (
        <div className="body-view-bar">
          <Segmented<'pretty' | 'raw'>
            size="sm"
            label={`${label} view`}
            value={mode}
            onChange={setMode}
            options={[
              { id: 'pretty', label: 'Pretty' },
              { id: 'raw', label: 'Raw' },
            ]}
          />
        </div>
      ) : null}
      {body.truncated ? <Notice tone="info">Only the first {formatBytes(raw.length)} of {formatBytes(body.size)} were kept.</Notice> : null}
      {body.base64 !== undefined && body.text === undefined ? <Notice tone="info">Binary body ({formatBytes(body.size)}{body.contentType ? `, ${body.contentType}` : ''}), shown as base64.</Notice> : null}
      {pretty && isTreeValue(parsed.value) ? (
        <JsonTree value={parsed.value} label={label} />
      ) : (
        <pre className="raw mono" tabIndex={0} aria-label={label}>
          {pretty ? JSON.stringify(parsed.value, null, 2) : raw}
        </pre>
      )}
    </div>
  );
}
