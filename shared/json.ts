/** The JSON value of `text`, or undefined when it is not JSON (a message from elsewhere, a probe). */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
