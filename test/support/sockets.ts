import { readFileSync } from 'node:fs';

/** An address as /proc/net/tcp{,6} writes it (each 32-bit word in host byte order) in words. */
function readAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => Buffer.from(w, 'hex').reverse());
  const bytes = Buffer.concat(words);
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  if (bytes.every((b) => b === 0)) return '::';
  if (bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1) return '::1';
  return bytes.toString('hex');
}

/**
 * The local addresses on which something listens on TCP `port` (Linux: /proc/net/tcp and tcp6,
 * read, no traffic sent): "0.0.0.0" or "::" is every interface.
 */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [address, portHex] = local.split(':') as [string, string];
      if (parseInt(portHex, 16) === port) found.push(readAddress(address));
    }
  }
  return found;
}

export const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
