// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'clients/*/dist/**', 'storage/**', 'node_modules/**', 'coverage/**', 'scratch/**', 'examples/data/**', 'bench/results/**', 'wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // plain-JavaScript tools run by Node before anything is compiled
  { files: ['**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
)
