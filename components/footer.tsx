// The bottom line: key hints for what is focused, from the keybinding data. In --readonly mode
// the mutating keys are listed as disabled.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { KeyScope } from '../models/keys.js';
import { fitHints, footerHints } from '../src/keys/keymap.js';
import { activeScopes } from '../src/store/dispatch.js';
import { useAppStore, useTheme } from './store-context.js';

export function Footer() {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  const readonly = useAppStore((s) => s.readonly);
  const columns = useAppStore((s) => s.size.columns);
  const scopesKey = useAppStore((s) => activeScopes(s).join(','));

  const { enabled, disabled } = useMemo(() => {
    const scopes = scopesKey.split(',').filter((s) => s !== 'app') as KeyScope[];
    const hints = footerHints(keymap, scopes, { readonly });
    const off = hints.filter((h) => h.disabled);
    const on = hints.filter((h) => !h.disabled);
    const offText = off.length > 0 ? `read-only: ${off.map((h) => h.key).join(' ')} off` : '';
    const tail = on.filter((h) => h.scope === 'global').length;
    return { enabled: fitHints(on, columns - offText.length - 2, tail), disabled: offText };
  }, [keymap, readonly, columns, scopesKey]);

  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end">
        {enabled.map((h, i) => (
          <Text key={h.action}>
            {i > 0 ? '  ' : ''}
            <Text {...theme.accent}>{h.key}</Text> {h.label}
          </Text>
        ))}
        {disabled ? <Text {...theme.warn}>{`  ${disabled}`}</Text> : null}
      </Text>
    </Box>
  );
}
