/**
 * CIDR ranges (`10.0.0.0/8`, `2001:db8::/32`) for --client: an address is read into a BigInt
 * once per record and compared under the range's mask. IPv4-mapped IPv6 (`::ffff:10.1.2.3`, as
 * dual-stack servers log IPv4 clients) matches IPv4 ranges.
 */

export interface CidrRange {
  test(address: string): boolean;
}

/** A CIDR range as its first address and prefix length; IPv4-mapped IPv6 ranges are IPv4 ones. */
export interface CidrPrefix extends Address {
  bits: number;
}

/** The prefix `text` names, or undefined when it is no CIDR range. */
export function parseCidrPrefix(text: string): CidrPrefix | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const base = parseAddress(text.slice(0, slash));
  const bits = Number(text.slice(slash + 1));
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > base.width || text.slice(slash + 1) === '') return undefined;
  return { ...base, bits };
}

/** The range `text` names, or undefined when it is no CIDR range. */
export function parseCidr(text: string): CidrRange | undefined {
  const base = parseCidrPrefix(text);
  if (base === undefined) return undefined;
  const bits = base.bits;
  const shift = BigInt(base.width - bits);
  const prefix = base.value >> shift;
  return {
    test(address) {
      const parsed = parseAddress(address);
      return parsed !== undefined && parsed.width === base.width && parsed.value >> shift === prefix;
    },
  };
}

/** An IPv4 octet as parseIpv4 reads one: one to three digits (leading zeros allowed), at most 255. */
const OCTET = '(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])';
/** Dotted IPv4 as parseIpv4 reads it, as a regular expression source (JavaScript and RE2 alike). */
export const IPV4_PATTERN = `^(${OCTET}\\.){3}${OCTET}$`;

/**
 * The IPv6 texts parseIpv6 reads, as a regular expression source (JavaScript and RE2 alike, for
 * the same test in ClickHouse): eight groups, or fewer around one `::` that stands for at least
 * one, the last two of which may be written as dotted IPv4 (`::ffff:10.1.2.3`).
 */
export const IPV6_PATTERN = ((): string => {
  const group = '[0-9a-fA-F]{1,4}';
  const v4 = `(${OCTET}\\.){3}${OCTET}`;
  const run = (count: number): string => (count === 0 ? '' : `${group}(:${group}){${count - 1}}`);
  const upTo = (most: number): string => (most === 0 ? '' : `(${group}(:${group}){0,${most - 1}})?`);
  const forms = [`(${group}:){7}${group}`, `(${group}:){6}${v4}`, `::${upTo(7)}`, `::(${group}:){0,5}${v4}`];
  for (let head = 1; head <= 7; head++) forms.push(`${run(head)}::${upTo(7 - head)}`);
  for (let head = 1; head <= 5; head++) forms.push(`${run(head)}::(${group}:){0,${5 - head}}${v4}`);
  return `^(${forms.join('|')})$`;
})();
const IPV6_SHAPE = new RegExp(IPV6_PATTERN);

export interface Address {
  value: bigint;
  width: 32 | 128;
}

function parseAddress(text: string): Address | undefined {
  // Clients logged as [v6]:port, v6%zone or v4:port by some writers.
  let address = text.startsWith('[') ? text.slice(1, text.indexOf(']') === -1 ? undefined : text.indexOf(']')) : text;
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);
  if (address.includes(':') && address.indexOf(':') === address.lastIndexOf(':') && address.includes('.'))
    address = address.slice(0, address.indexOf(':'));
  if (!address.includes(':')) {
    const v4 = parseIpv4(address);
    return v4 === undefined ? undefined : { value: v4, width: 32 };
  }
  const v6 = parseIpv6(address);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { value: v6 & 0xffffffffn, width: 32 };
  return { value: v6, width: 128 };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!IPV6_SHAPE.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): string[] | undefined => {
    if (half === '') return [];
    const groups = half.split(':');
    const last = groups[groups.length - 1]!;
    // An embedded IPv4 tail (::ffff:10.1.2.3) stands for the last two groups.
    if (last.includes('.')) {
      const v4 = parseIpv4(last);
      if (v4 === undefined) return undefined;
      groups.splice(-1, 1, (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<string>(missing).fill('0'), ...tail]) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}
