// The baseline for the startup benchmark: a bare Ink hello world, bundled like opsdeck.
import React from 'react';
import { Text, render } from 'ink';

render(<Text>Hello, world</Text>, { incrementalRendering: true });
setInterval(() => {}, 1 << 30);
