/** Types of bin/bundle.js, for scripts/bundle.ts and the benchmark. */

/** The bundle's folder, relative to the package root. */
export declare const bundleDir: string;
/** The file in it listing the inputs and their sha256. */
export declare const manifestName: string;
/** manifest.json: path (relative to the package root, `/`-separated) → sha256 hex of the bytes bundled. */
export interface BundleManifest {
  readonly inputs: Record<string, string>;
}
/** URL of the bundle's CLI when the bundle matches the sources; undefined otherwise. */
export declare function freshBundle(): URL | undefined;
/** The studio's front end (studio/, bundled for the browser), relative to the package root. */
export declare const studioBundleDir: string;
/** Whether the bundle in `dir` (relative to the package root, whose URL `base` defaults to this package's) matches every file it was built from. */
export declare function isFresh(dir: string, base?: URL): boolean;
