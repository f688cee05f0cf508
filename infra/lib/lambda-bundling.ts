import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DockerImage } from 'aws-cdk-lib';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { FunctionAccess } from './access-matrix.js';

/** The repository root: the npm workspace whose lockfile pins what the bundles contain. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A controller's Lambda entry point. */
export function lambdaEntry(entry: string): string {
  return `${REPO_ROOT}api/src/lambda/${entry}.ts`;
}

/**
 * Native addons (`.node` files esbuild cannot bundle, built per platform): each is installed for
 * linux-arm64 by `npm run lambda:modules` and copied beside the bundle of the functions that use
 * it. argon2 for the one function that hashes passwords; sharp (with its libvips binary,
 * `@img/sharp-linux-arm64` and `@img/sharp-libvips-linux-arm64`) for the worker, which processes
 * photos.
 */
export const NATIVE_MODULES = {
  argon2: '@node-rs/argon2',
  sharp: 'sharp',
} as const;
export type NativeModule = keyof typeof NATIVE_MODULES;

/** The native modules a function's asset carries, from what the access matrix says it does. */
export function nativeModulesOf(access: FunctionAccess): NativeModule[] {
  return [
    ...(access.hashesPasswords ? (['argon2'] as const) : []),
    ...(access.processesImages ? (['sharp'] as const) : []),
  ];
}

/**
 * Packages left out of the bundle: only the native addons above. The functions behind API Gateway
 * carry no AWS SDK (aws4fetch signs their calls); the worker's SDK clients (S3 listing,
 * CloudFront) are bundled although the runtime ships them: the tree-shaken copy imports in about
 * half the time of the runtime's many files, and the lockfile decides their version.
 */
export const LAMBDA_EXTERNALS = Object.values(NATIVE_MODULES);

/**
 * ESM output still meets CommonJS dependencies (argon2's loader, the worker's sharp and SDK) that
 * call `require`; esbuild's shim needs a real one, which ESM lacks.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __shutterRequire } from 'node:module'; const require = __shutterRequire(import.meta.url);";

/**
 * Where `npm run lambda:modules` installs a native module for linux-arm64 (the Lambda platform),
 * which the host's own node_modules holds only for the host: one prefix per module, so each asset
 * carries its own and nothing else. `npm run deploy` runs it first; a plain `npm run synth` works
 * without it (offline) and the bundles then lack them.
 */
export function lambdaModulesDir(native: NativeModule): string {
  return `${REPO_ROOT}infra/.lambda-modules/${native}/node_modules`;
}

/** argon2's, which the bundle bench measures. */
export const LAMBDA_MODULES_DIR = lambdaModulesDir('argon2');

export function hasLambdaModules(native: NativeModule = 'argon2'): boolean {
  return existsSync(`${lambdaModulesDir(native)}/${NATIVE_MODULES[native]}`);
}

/**
 * The shell commands that copy the installed native modules beside a bundle (the whole prefix:
 * the package, its platform binaries and its dependencies); none for a module not installed.
 */
export function copyNativeModules(
  natives: readonly NativeModule[],
  outputDir: string,
  isInstalled: (native: NativeModule) => boolean = hasLambdaModules,
): string[] {
  const installed = natives.filter((native) => isInstalled(native));
  return installed.length === 0
    ? []
    : [
        `mkdir -p "${outputDir}/node_modules"`,
        ...installed.map(
          (native) => `cp -R "${lambdaModulesDir(native)}/." "${outputDir}/node_modules/"`,
        ),
      ];
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
  // A Lambda never serves the OpenAPI document: the routes' document-only text, and the
  // response schemas only it names, stay out (api/src/http/route-config.ts).
  define: { SHUTTER_LAMBDA_BUNDLE: 'true' },
} as const;

/**
 * The NodejsFunction bundling of a controller Lambda: local esbuild, never Docker; its native
 * modules for linux-arm64 copied beside the bundle.
 */
export function lambdaBundling(natives: readonly NativeModule[]): BundlingOptions {
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
    define: { ...LAMBDA_ESBUILD.define },
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) =>
        copyNativeModules(natives, outputDir),
    },
  };
}
