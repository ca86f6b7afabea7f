export const WEB_DIR: string;
export const WEB_ASSETS_MODULE: string;
export const ASSET_URLS_MODULE: string;
export const DIST_DIR: string;
export const TEMPLATE_FILES: string[];
export interface StaticFile {
  path: string;
  body: string;
}
export interface StaticFiles {
  immutable: StaticFile[];
  revalidate: StaticFile[];
  urls: Record<string, string>;
  pictures: Record<string, { url: string; alt: string }>;
}
export function staticFiles(dir?: string): StaticFiles;
export function renderAssetUrlsModule(files?: StaticFiles): string;
export function withHashedUrls(body: string, urls: Record<string, string>): string;
export function renderWebAssetsModule(
  dir?: string,
  options?: { only?: string[]; rewrite?: (body: string) => string },
): string;
export function renderIntakeAssetsModule(dir?: string, files?: StaticFiles): string;
export function writeWebAssetsModule(dir?: string, output?: string): boolean;
export function writeStaticFiles(dir?: string, dist?: string, urlsModule?: string): number;
