import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-tools/', 'coverage/', 'node_modules/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // All HTTP goes through z.request (auth, logging with secret scrubbing, throttling).
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use z.request in app code.' }],
      'no-restricted-imports': ['error', { paths: ['axios', 'node-fetch', 'got'] }],
    },
  },
  {
    files: ['tools/**', 'test/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
);
