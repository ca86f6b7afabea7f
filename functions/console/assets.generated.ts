// Generated from web/console/ by scripts/build-web-assets.mjs. Do not edit: change the files in web/console/.
// npm start, npm test and cdk synth regenerate it; test/unit/web-assets.test.ts fails when it is stale.
export interface WebAsset {
  contentType: string;
  /** Strong validator: a hash of the file. */
  etag: string;
  body: string;
}

export const CONSOLE_ASSETS: Readonly<Record<string, WebAsset>> = {
  "console.css": {
    contentType: "text/css; charset=utf-8",
    etag: "\"DVaZBMIp3vwX3vyhFIgJXE\"",
    body: "/* The clinic console's style. */\n",
  },
  "console.js": {
    contentType: "text/javascript; charset=utf-8",
    etag: "\"Ms2MsH7XCiWN1UJxsIWvyI\"",
    body: "// The clinic console's script: filled in next.\n",
  },
};
