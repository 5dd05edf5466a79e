import { useState } from 'react';
import { StatusCode } from '../../components/badges.tsx';
import { Button } from '../../components/button.tsx';
import { CopyButton } from '../../components/form-controls.tsx';
import { Icon } from '../../components/icon.tsx';
import { EmptyState, ErrorNotice, Notice } from '../../components/notices.tsx';
import { Tabs, tabPanelProps } from '../../components/tabs.tsx';
import { formatBytes, formatDuration } from '../../lib/format.ts';
import { reasonPhrase } from '../../lib/http-status.ts';
import { useSlice, useStores } from '../../stores/context.tsx';
import { BodyView } from './body-view.tsx';
import { HeadersTable } from './headers-table.tsx';
import { TimingWaterfall } from './timing-waterfall.tsx';
import { CertificateView } from './certificate-view.tsx';
import { useElapsed } from './use-elapsed.ts';

type ResponseTab = 'body' | 'headers' | 'timing' | 'certificate';

/** The response pane: status, time, size, TLS, then body / headers / timing, and "Copy as curl". */
export function ResponseView() {
  const { response, app, ui } = useStores();
  const phase = useSlice(response, (s) => s.phase);
  const result = useSlice(response, (s) => s.response);
  const failure = useSlice(response, (s) => s.failure);
  const startedAt = useSlice(response, (s) => s.startedAt);
  const cancelling = useSlice(response, (s) => s.cancelling);
  const caPath = useSlice(app, (s) => s.info?.ca.path);
  const elapsed = useElapsed(startedAt, phase === 'sending');
  const [tab, setTab] = useState<ResponseTab>('body');

  const copyCurl = (
    <CopyButton
      size="sm"
      variant="ghost"
      icon="code"
      label="Copy as curl"
      onCopy={async () => {
        const ok = await response.getState().copyCurl(caPath);
        if (ok) ui.getState().notify('success', 'curl command copied (with --cacert for the local CA).');
        return ok || undefined;
      }}
    >
      Copy as curl
    </CopyButton>
  );

  let content;
  if (phase === 'idle') {
    content = (
      <EmptyState icon="send" title="No response yet">
        Pick a workflow to fill in its callback URL, then press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (or Send). The response appears here, with its headers, TLS details and timing.
      </EmptyState>
    );
  } else if (phase === 'sending') {
    content = (
      <div className="sending" role="status" aria-live="polite">
        <div className="spinner" aria-hidden="true" />
        <div className="sending-time mono">{formatDuration(elapsed)}</div>
        <div className="muted">{cancelling ? 'Cancelling…' : 'Waiting for the Response action…'}</div>
        <Button variant="danger" icon="stop" onClick={() => void response.getState().cancel()} disabled={cancelling}>
          Cancel request
        </Button>
        <ErrorNotice error={failure} title="Could not cancel" />
      </div>
    );
  } else if (phase === 'failed') {
    content = (
      <div className="pad stack">
        {failure?.code === 'Cancelled' ? (
          <Notice tone="info" title="Request cancelled">
            {failure.message} The run may still go on: Run history shows how it ends.
          </Notice>
        ) : (
          <ErrorNotice error={failure} title="The request did not get a response" />
        )}
        <div>{copyCurl}</div>
      </div>
    );
  } else if (result) {
    const headerCount = result.headers.length;
    content = (
      <>
        <div className="response-meta" aria-label="Response summary">
          <StatusCode status={result.status} text={result.statusText || reasonPhrase(result.status)} />
          <span className="meta-item" title="Total time">
            <Icon name="clock" size={13} /> <span className="mono">{formatDuration(result.timings.total)}</span>
          </span>
          <span className="meta-item" title="Body size">
            <span className="mono">{formatBytes(result.body.size)}</span>
          </span>
          {result.tls ? (
            <span className="meta-item" title={result.tls.authorized ? 'Certificate verified against the local CA' : 'Certificate NOT verified'}>
              <Icon name="lock" size={13} className={result.tls.authorized ? 'tone-success' : 'tone-warning'} />
              <span className="mono">{result.tls.protocol}</span>
              <span className="mono muted">{result.tls.cipher}</span>
            </span>
          ) : (
            <span className="meta-item muted">no TLS</span>
          )}
          <span className="meta-item muted mono">HTTP/{result.httpVersion}</span>
        </div>
        <div className="tabs-row">
          <Tabs<ResponseTab>
            label="Response parts"
            idBase="res"
            size="sm"
            active={tab}
            onChange={setTab}
            items={[
              { id: 'body', label: 'Body' },
              { id: 'headers', label: 'Headers', badge: headerCount },
              { id: 'timing', label: 'Timing' },
              ...(result.tls?.certificate ? [{ id: 'certificate' as const, label: 'Certificate' }] : []),
            ]}
          />
          <div className="tabs-row-actions">{copyCurl}</div>
        </div>
        <div className="response-panel" {...tabPanelProps('res', tab)}>
          {tab === 'body' ? <BodyView body={result.body} label="Response body" /> : null}
          {tab === 'headers' ? <HeadersTable headers={result.headers} label="Response headers" /> : null}
          {tab === 'timing' ? <TimingWaterfall timings={result.timings} /> : null}
          {tab === 'certificate' && result.tls?.certificate ? <CertificateView certificate={result.tls.certificate} authorized={result.tls.authorized} /> : null}
        </div>
      </>
    );
  }
  return (
    <section className="composer-response" aria-label="Response">
      <div className="pane-title">Response</div>
      {content}
    </section>
  );
}
