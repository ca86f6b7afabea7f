export function joinContextLines(argv: readonly string[]): string[];
