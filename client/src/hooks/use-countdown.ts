import { useEffect, useState } from 'react';

/** Whole seconds left until `deadline` (ISO), ticking once a second while positive; null without a deadline. */
export function useCountdown(deadline: string | null | undefined): number | null {
  const left = () => (deadline ? Math.max(0, Math.floor((Date.parse(deadline) - Date.now()) / 1000)) : null);
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (!deadline) return undefined;
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadline]);
  return seconds;
}

/** 14:59 → "14分59秒": how patients read a payment deadline. */
export function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}分${String(s).padStart(2, '0')}秒` : `${s}秒`;
}
