// The current time as state, refreshed on an interval, for displays that age (e.g. "data is stale").
// Keeps render pure: components read `now` instead of calling Date.now() while rendering.
import { useEffect, useState } from 'react';

export function useNow(refreshMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);
  return now;
}
