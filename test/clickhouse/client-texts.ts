/**
 * Client addresses as servers log them (IPv4, IPv6 in every notation, with ports, brackets and
 * zones, IPv4-mapped) and texts that only look like them, for checking a --client range in SQL
 * against cidr.ts. Generated from a seed, so a failure can be replayed.
 */

export const seeded = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
};

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, below: number): number => Math.floor(random() * below);

/** A few prefixes so that generated addresses fall in and out of the ranges tested. */
const V6_PREFIXES = [
  [0x2001, 0x0db8],
  [0x2001, 0x0db9],
  [0xfe80, 0],
  [0, 0],
  [0x0064, 0xff9b],
  [0x2a00, 0x1450],
];

function ipv4(random: () => number): string {
  const octet = () => {
    const value = pick(random, [10, 192, 168, 127, 0, 255, int(random, 256)]);
    return random() < 0.05 ? String(value).padStart(3, '0') : String(value);
  };
  return [octet(), octet(), octet(), octet()].join('.');
}

function ipv6(random: () => number): string {
  const groups = [...pick(random, V6_PREFIXES), ...Array.from({ length: 6 }, () => (random() < 0.4 ? 0 : int(random, 0x10000)))];
  if (random() < 0.15) groups.splice(0, 6, 0, 0, 0, 0, 0, 0xffff);
  let texts = groups.map((g) => g.toString(16));
  if (random() < 0.2) texts = texts.map((t) => t.toUpperCase());
  if (random() < 0.1) texts = texts.map((t) => t.padStart(4, '0'));
  const v4Tail = random() < 0.15;
  if (v4Tail) texts.splice(6, 2, `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`);
  const width = texts.length;
  if (random() < 0.7) {
    const start = int(random, width);
    const length = 1 + int(random, width - start);
    const before = texts.slice(0, start).join(':');
    const after = texts.slice(start + length).join(':');
    return `${before}::${after}`;
  }
  return texts.join(':');
}

function dressed(random: () => number, address: string): string {
  const v6 = address.includes(':');
  switch (int(random, 6)) {
    case 0:
      return v6 ? `[${address}]:${int(random, 65536)}` : `${address}:${int(random, 65536)}`;
    case 1:
      return v6 ? `${address}%${pick(random, ['12', 'eth0'])}` : address;
    case 2:
      return v6 ? `[${address}]` : address;
    default:
      return address;
  }
}

/** A valid-looking text bent: a character dropped, doubled or replaced. */
function bent(random: () => number, text: string): string {
  const at = int(random, text.length + 1);
  const char = pick(random, [':', '.', '::', 'g', '0', '%', ']', '[', ' ', '00000']);
  switch (int(random, 3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + char + text.slice(at);
    default:
      return text.slice(0, at) + char + text.slice(at + 1);
  }
}

export function generatedClients(random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    const address = random() < 0.35 ? ipv4(random) : ipv6(random);
    const text = dressed(random, address);
    return random() < 0.2 ? bent(random, text) : text;
  });
}

export const HOSTILE_CLIENTS = [
  '',
  '-',
  'unknown',
  '::',
  ':::',
  '1::2::3',
  '00001::',
  '1.2.3.4::',
  '::1]x',
  '[::1',
  '::ffff:256.1.1.1',
  "'; DROP TABLE x; --",
  '\\',
  '1:2:3:4:5:6:7:8:9',
];

/** Ranges of both widths, byte-aligned and not, and the ones users write. */
export const RANGES = [
  '2001:db8::/32',
  '2001:db8::/33',
  '2001:db8:8000::/33',
  '::1/128',
  '::/0',
  '0.0.0.0/0',
  '10.0.0.0/8',
  '::ffff:10.0.0.0/8',
  'fe80::/10',
  '64:ff9b::/96',
  '192.168.0.0/16',
  '127.0.0.1/32',
  '::/127',
];

export function randomRange(random: () => number): string {
  if (random() < 0.4) {
    const bits = int(random, 33);
    return `${ipv4(random)}/${bits}`;
  }
  const groups = [...pick(random, V6_PREFIXES), ...Array.from({ length: 6 }, () => int(random, 0x10000))];
  return `${groups.map((g) => g.toString(16)).join(':')}/${int(random, 129)}`;
}

/** Paths scanners request, and paths that only look like them. */
export const PROBE_URIS = [
  '/wp-login.php',
  '/blog/wp-admin',
  '/wp-admin/setup-config.php',
  '/a/b/wp-login.php',
  '/xmlrpc.php',
  '/wp-includes/x.js',
  '/phpmyadmin/',
  '/phpMyAdmin2/index.php',
  '/pma',
  '/.env',
  '/app/.git/config',
  '/.DS_Store',
  '/.envrc',
  '/cgi-bin/luci',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/phpinfo.php',
  '/info.php',
  '/HNAP1/',
  '/boaform/admin/formLogin',
  '/actuator/health',
  '/manager/html',
  '/solr/admin/cores',
  '/index.html',
  '/wordpress-guide',
  '/env',
  '/git/.gitignore',
  '/cgi-binary',
  '/api/info.php.old',
  '/',
  '',
];
