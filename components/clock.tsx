// The header clock. It owns its per-second state so only this Text re-renders each second.
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { formatUtcClock, msToNextSecond } from '../src/store/ui-slice.js';

export function Clock({ now }: { now: () => Date }) {
  const [text, setText] = useState(() => formatUtcClock(now()));
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      timer = setTimeout(() => {
        setText(formatUtcClock(now()));
        schedule();
      }, msToNextSecond(now()) + 2);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [now]);
  return <Text>{text}</Text>;
}
