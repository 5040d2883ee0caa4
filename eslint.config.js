import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-var': 'error',
      'prefer-const': 'error',
      'no-console': ['error', { allow: ['error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/commands/**', '../commands/*'], message: 'components must not import commands (imports point downward).' },
        { group: ['**/src/**/*-io', '**/src/**/*-io.js', '**/src/**/io/**', 'node:fs', 'node:fs/promises', 'node:child_process', 'execa'], message: 'components never import services or do I/O.' },
      ] }],
    },
  },
  {
    files: ['src/**/*.ts', 'models/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'ink', 'ink-*', '**/components/**', '**/commands/**'], message: 'src/ and models/ never import React, components or commands.' },
      ] }],
    },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src/**', 'react', 'ink', '**/components/**', '**/commands/**'], message: 'models/ is the bottom layer.' },
      ] }],
    },
  },
  {
    files: ['test/**', 'bench/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
);
