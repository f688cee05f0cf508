import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DockerImage } from 'aws-cdk-lib';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository root: the npm workspace whose lockfile pins what the bundles contain. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A controller's Lambda entry point. */
export function lambdaEntry(entry: string): string {
  return `${REPO_ROOT}api/src/lambda/${entry}.ts`;
}

/**
 * Packages left out of the bundle: only argon2, a native addon (a `.node` file esbuild cannot
 * bundle), copied beside the bundle of the one function that hashes passwords. The AWS SDK is
 * bundled although the runtime ships one: the bundled, tree-shaken copy imports in about half
 * the time of the runtime's many files (measured by `npm run bench:bundles`), and the lockfile,
 * not the runtime's update schedule, decides its version.
 */
export const LAMBDA_EXTERNALS = ['@node-rs/argon2'];

/**
 * ESM output still meets CommonJS dependencies (pino, argon2's loader) that call `require`;
 * esbuild's shim needs a real one, which ESM lacks.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __shutterRequire } from 'node:module'; const require = __shutterRequire(import.meta.url);";

/**
 * Where `npm run lambda:modules` installs argon2 for linux-arm64 (the Lambda platform), which the
 * host's own node_modules holds only for the host. `npm run deploy` runs it first; a plain
 * `npm run synth` works without it (offline) and the bundles then lack argon2.
 */
export const LAMBDA_MODULES_DIR = `${REPO_ROOT}infra/.lambda-modules/node_modules`;

export function hasLambdaModules(): boolean {
  return existsSync(`${LAMBDA_MODULES_DIR}/@node-rs/argon2`);
}

/** Fails synthesis rather than letting CDK fall back to bundling in Docker. */
function assertLocalEsbuild(): void {
  try {
    createRequire(`${REPO_ROOT}package.json`).resolve('esbuild');
  } catch {
    throw new Error(
      'esbuild is not installed: run `npm install` at the repository root (Shutter bundles its Lambdas locally, never in Docker)',
    );
  }
}

/**
 * The esbuild settings of every Lambda bundle, in esbuild's own terms: the CDK (below) and the
 * bundle bench (infra/bench/bundles.ts) both build from these, so the bench measures what deploys.
 */
export const LAMBDA_ESBUILD = {
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  banner: { js: ESM_REQUIRE_BANNER },
  external: LAMBDA_EXTERNALS,
} as const;

/**
 * The NodejsFunction bundling of a controller Lambda: local esbuild, never Docker; argon2 for
 * linux-arm64 copied beside the bundle when the function hashes passwords.
 */
export function lambdaBundling({ argon2 }: { argon2: boolean }): BundlingOptions {
  assertLocalEsbuild();
  return {
    forceDockerBundling: false,
    // Never used (esbuild runs locally); set so that the CDK never builds its bundling image.
    dockerImage: DockerImage.fromRegistry('shutter/local-esbuild-only'),
    format: OutputFormat.ESM,
    target: LAMBDA_ESBUILD.target,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    minify: LAMBDA_ESBUILD.minify,
    sourceMap: LAMBDA_ESBUILD.sourcemap,
    sourcesContent: LAMBDA_ESBUILD.sourcesContent,
    banner: LAMBDA_ESBUILD.banner.js,
    externalModules: [...LAMBDA_ESBUILD.external],
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) =>
        argon2 && hasLambdaModules()
          ? [
              `mkdir -p "${outputDir}/node_modules/@node-rs"`,
              `cp -R "${LAMBDA_MODULES_DIR}/@node-rs/." "${outputDir}/node_modules/@node-rs/"`,
            ]
          : [],
    },
  };
}
