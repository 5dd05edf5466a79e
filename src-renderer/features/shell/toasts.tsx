import { Icon } from '../../components/icon.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';

/** Short confirmations in the corner, announced politely to screen readers. */
export function Toasts() {
  const { ui } = useStores();
  const toasts = useSlice(ui, (s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`}>
          <Icon name={t.tone === 'danger' ? 'error' : t.tone === 'success' ? 'check' : 'info'} size={14} />
          <span>{t.text}</span>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => ui.getState().dismiss(t.id)}>
            <Icon name="x" size={12} />
          </button>
        </div>
      ))}
    </div>
  );
}
