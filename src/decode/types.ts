/** Shared shapes of the decoding tables; re-exported by index.ts, which is the public entry. */

/** Which table a code comes from. */
export type CodeKind = 'http-status' | 'iis-substatus' | 'win32' | 'httperr-reason' | 'diagnosis';

/** One documented code: what it means, in own words, and where that was checked. */
export interface CodeEntry {
  /** '404', '500.19', 'win32:64', 'httperr:Timer_ConnectionIdle' */
  code: string;
  kind: CodeKind;
  /** Own words, one sentence. */
  meaning: string;
  /** URL of the document the meaning was checked against. */
  source: string;
  /** IANA reason phrase, or Win32 symbolic name like ERROR_NETNAME_DELETED. */
  name?: string;
  /** 'nginx', 'Cloudflare', 'AWS ELB', 'IIS/Exchange', 'Microsoft' ... */
  vendor?: string;
  /** e.g. 'IIS 7+', 'IIS 6', 'ARR', 'ASP.NET Core Module' */
  iisVersion?: string;
  registry?: 'permanent' | 'temporary' | 'deprecated' | 'unused' | 'unregistered';
}
