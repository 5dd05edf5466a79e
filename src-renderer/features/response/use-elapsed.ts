import { useEffect, useState } from 'react';

/** Milliseconds since `startedAt`, refreshed ten times a second while `active`. */
export function useElapsed(startedAt: number | null, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [active]);
  return startedAt === null ? 0 : Math.max(0, (active ? now : Date.now()) - startedAt);
}
