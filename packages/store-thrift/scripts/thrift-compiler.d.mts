export declare const IDL_FILE: string;
export declare const GENERATOR: string;
export declare const COMMONJS_MARKER: { readonly name: string; readonly text: string };
export declare function compileToTemporaryFolder(packageRoot: string): string;
export declare function generateInto(packageRoot: string, target: string): string[];
