// One dashboard tile: a bordered box with a numbered title; focus shows as ">" and a double border.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from './theme.js';

export type TileProps = {
  title: string;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
  children: ReactNode;
};

export function Tile({ title, focused, width, height, theme, children }: TileProps) {
  return (
    <Box
      width={width}
      height={height}
      flexShrink={0}
      flexDirection="column"
      borderStyle={focused ? 'double' : 'single'}
      {...(focused && theme.focusBorder ? { borderColor: theme.focusBorder } : {})}
      paddingX={1}
      overflow="hidden"
    >
      <Text wrap="truncate-end" {...(focused ? theme.accent : theme.heading)}>
        {focused ? '> ' : '  '}
        {title}
      </Text>
      {children}
    </Box>
  );
}
