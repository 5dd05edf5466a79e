import { Icon } from '../../components/icon.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';

/** The status bar: listener state and URL, timeout, where the console runs, version. */
export function StatusBar() {
  const { app, workspace } = useStores();
  const listener = useSlice(app, (s) => s.listener);
  const info = useSlice(app, (s) => s.info);
  const root = useSlice(workspace, (s) => s.workspace?.root);
  const state = listener ? (listener.running ? 'on' : listener.error ? 'error' : 'off') : 'unknown';
  return (
    <footer className="statusbar" aria-label="Status">
      <span className={`sb-item sb-listener sb-${state}`} title={listener?.error?.message}>
        <span className="state-dot" aria-hidden="true" />
        {listener?.running ? (
          <>
            Listening <span className="mono">{listener.baseUrl}</span>
          </>
        ) : listener?.error ? (
          <>Listener stopped: {listener.error.message}</>
        ) : listener ? (
          'Listener stopped'
        ) : (
          'Connecting…'
        )}
      </span>
      {listener?.running ? (
        <span className="sb-item">
          <Icon name="lock" size={12} /> TLS 1.2
        </span>
      ) : null}
      {listener?.remote ? (
        <span className="sb-item sb-warning" role="status" title="Other machines can call every workflow. Settings → Listener to go back to 127.0.0.1.">
          Reachable from other machines
        </span>
      ) : null}
      {info ? (
        <span className="sb-item">
          <Icon name="clock" size={12} /> Timeout {info.settings.timeoutSeconds} s
        </span>
      ) : null}
      <span className="spacer" />
      {root ? (
        <span className="sb-item mono sb-root" title={root}>
          {root}
        </span>
      ) : null}
      {info ? <span className="sb-item">{info.host === 'electron' ? 'Desktop' : 'Browser'}</span> : null}
      {info ? <span className="sb-item">v{info.version}</span> : null}
    </footer>
  );
}
