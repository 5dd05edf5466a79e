import { Segmented } from '../../components/form-controls.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import type { Theme } from '../../stores/session.store.ts';
import { Card } from './settings-card.tsx';

/** Light, dark, or the OS setting; remembered in the data folder with the open tabs. */
export function AppearanceCard() {
  const { session } = useStores();
  const theme = useSlice(session, (s) => s.theme);
  return (
    <Card title="Appearance" description="System follows your operating system's light or dark setting. The choice is remembered across restarts.">
      <Segmented<Theme>
        label="Theme"
        value={theme}
        onChange={(next) => session.getState().setTheme(next)}
        options={[
          { id: 'system', label: 'System' },
          { id: 'light', label: 'Light' },
          { id: 'dark', label: 'Dark' },
        ]}
      />
    </Card>
  );
}
