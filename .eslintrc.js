module.exports = {
  root: true,
  extends: ['taro/react'],
  parser: '@typescript-eslint/parser',
  plugins: ['@typescript-eslint'],
  rules: {
    'react/jsx-uses-react': 'off',
    'react/react-in-jsx-scope': 'off',
    'no-unused-vars': 'off',
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
    ],
    '@typescript-eslint/no-explicit-any': 'error',
    'import/no-commonjs': 'off',
  },
  overrides: [
    {
      files: ['cloud/**', 'test/**', 'scripts/**', 'bench/**'],
      env: { node: true, jest: true },
    },
  ],
  ignorePatterns: ['dist', 'node_modules', 'cloudfunctions', '.data', '*.config.js', 'babel.config.js'],
}
