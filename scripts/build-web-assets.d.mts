export const WEB_DIR: string;
export const WEB_ASSETS_MODULE: string;
export function renderWebAssetsModule(dir?: string): string;
export function writeWebAssetsModule(dir?: string, output?: string): boolean;
export const CONSOLE_WEB_DIR: string;
export const CONSOLE_ASSETS_MODULE: string;
export function writeConsoleAssetsModule(dir?: string, output?: string): boolean;
