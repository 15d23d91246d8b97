import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globalSetup: ['test/global-setup.ts'],
		// Ink reads CI at import time and then renders only the last frame; tests need every frame.
		env: {CI: 'false', FORCE_COLOR: '0'},
		testTimeout: 20_000,
		pool: 'forks',
	},
});
