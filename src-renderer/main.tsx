/**
 * The console's entry: picks the API (Electron's preload bridge or the web host's
 * fetch/EventSource client), creates the stores around it and renders the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveTriggerbenchApi } from './lib/web-client.ts';
import { toUiError } from './lib/api-error.ts';
import { App } from './features/shell/app.tsx';
import { StoresProvider } from './stores/context.tsx';
import type { Theme } from './stores/session.store.ts';
import { createStores, startStores } from './stores/stores.ts';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/features.css';
import './styles/designer.css';
import './styles/exchange.css';

/**
 * Puts the chosen theme on <html> (tokens.css keys its dark palette on data-theme);
 * "system" follows the OS setting, live.
 */
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
let chosenTheme: Theme = 'system';
function applyTheme(theme: Theme): void {
  chosenTheme = theme;
  document.documentElement.dataset.theme = theme === 'system' ? (systemDark.matches ? 'dark' : 'light') : theme;
}
systemDark.addEventListener('change', () => applyTheme(chosenTheme));
applyTheme('system');

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
const root = createRoot(container);

try {
  const api = resolveTriggerbenchApi();
  const stores = createStores({ api, clipboard: { writeText: (text) => navigator.clipboard.writeText(text) } }, undefined, { applyTheme });
  // Tabs are written shortly after each edit; write what is pending when the page goes away.
  window.addEventListener('pagehide', () => void stores.session.getState().flush());
  root.render(
    <StrictMode>
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    </StrictMode>,
  );
  void startStores(stores);
} catch (error) {
  // No API (e.g. the page was opened without its token): say so where the app would be.
  const { code, message } = toUiError(error);
  root.render(
    <div className="fatal" role="alert">
      <h1>Triggerbench cannot reach its core</h1>
      <p>{message}</p>
      <code className="error-code">{code}</code>
    </div>,
  );
}
