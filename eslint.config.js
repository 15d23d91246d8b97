import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'coverage/**']},
	...tseslint.configs.recommended,
	reactHooks.configs.flat.recommended,
	{
		rules: {
			// The single exit site is source/cli.ts; everything else returns an outcome.
			'no-restricted-properties': [
				'error',
				{
					object: 'process',
					property: 'exit',
					message: 'Return an outcome; only source/cli.ts exits.',
				},
			],
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
			],
		},
	},
	{
		// The typed answer lives in a ref on purpose: keys that arrive faster than React renders must
		// see each other.
		files: ['source/ui/answer-line.ts'],
		rules: {'react-hooks/refs': 'off', 'react-hooks/immutability': 'off'},
	},
	{
		files: ['source/cli.ts', 'source/build.js', 'test/**', 'fixtures/**'],
		rules: {'no-restricted-properties': 'off'},
	},
);
