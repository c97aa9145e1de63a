/** Types for scripts/start.js (plain Node), for the TypeScript that reuses it (test/e2e). */
export declare const ROOT: string
export declare const H5_INDEX: string
/** Why the H5 app must be (re)built, or null when dist/h5 is up to date. */
export declare function h5BuildReason(env?: NodeJS.ProcessEnv): string | null
/** Builds the H5 app as `npm run build:h5` does (scripts/build-h5.js: taro, then the compressed copies). */
export declare function buildH5(env?: NodeJS.ProcessEnv): Promise<void>
/** Builds the H5 app if it is missing or stale; answers whether it built. */
export declare function ensureH5(env?: NodeJS.ProcessEnv): Promise<boolean>
/** The address to open in a browser for a server listening on `host`. */
export declare function browsableUrl(host: string, port: number): string
