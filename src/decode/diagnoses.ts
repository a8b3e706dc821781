import type { CodeEntry } from './types.js';
import { ANCM_ERRORS_REFERENCE, ANCM_TROUBLESHOOT, ARR_502, IIS_LOGFILE, IIS_STATUS_CODES, SSPI_RETURN_VALUES } from './sources.js';

/**
 * Likely cause and what to check, for status/sub-status/win32 combinations seen often in IIS logs.
 * Code patterns, most specific first when looked up:
 *   '500.19.13'  exact triple
 *   '503.2'      status.substatus, any win32
 *   '*.*.64'     this win32 value with any status
 *   '503'        status alone (e.g. HTTPERR rows, or reports not grouped by sub-status)
 * The text is ours; the source is the page that documents the codes involved.
 */
const dx = (code: string, source: string, meaning: string): CodeEntry => ({ code, kind: 'diagnosis', meaning, source });

export const DIAGNOSIS_ENTRIES: readonly CodeEntry[] = [
  dx(
    '200.0.64',
    ARR_502,
    'The client went away before the response finished (cancelled download, closed tab, or a proxy/load balancer timed out); check time-taken and sc-bytes of these rows and the idle timeout of anything in front of IIS.',
  ),
  dx(
    '*.*.64',
    ARR_502,
    'The client or a proxy in front disconnected before IIS finished sending; a few are normal, many on one URL point at slow responses or a proxy timeout shorter than time-taken.',
  ),
  dx(
    '*.*.1229',
    ARR_502,
    'IIS flushed the response to a connection the client (or ARR) had already closed; compare time-taken with the client or proxy timeout.',
  ),
  dx(
    '*.*.995',
    IIS_LOGFILE,
    'The request I/O was cancelled, usually because the client disconnected or the request was aborted; check for client timeouts and app pool recycles at that time.',
  ),
  dx(
    '*.*.121',
    IIS_LOGFILE,
    'Sending to the client timed out at the network level; check for slow or stalled clients, large responses and network problems on the client path.',
  ),
  dx(
    '*.*.1236',
    IIS_LOGFILE,
    'HTTP.sys or IIS aborted the connection itself, typically on a timeout or limit; look in the HTTPERR log for the same client and time.',
  ),
  dx(
    '*.*.10054',
    IIS_LOGFILE,
    'The client or a device in between reset the TCP connection; check load balancer and firewall idle timeouts.',
  ),
  dx(
    '401.2.5',
    SSPI_RETURN_VALUES,
    'Normal first, anonymous step of a Windows (Negotiate/NTLM) authentication handshake; only a problem if no authenticated request from the same client follows, then check which authentication providers are enabled.',
  ),
  dx(
    '401.2',
    IIS_STATUS_CODES,
    'The client did not use an authentication method the site accepts; check the enabled authentication methods for the site and what the client sends.',
  ),
  dx(
    '401.1.2148074254',
    SSPI_RETURN_VALUES,
    'Middle step of a Negotiate/NTLM handshake (no credentials yet); harmless when a 200 follows, otherwise check browser intranet-zone settings, SPNs and whether Kerberos falls back to NTLM.',
  ),
  dx(
    '401.1.2148074252',
    SSPI_RETURN_VALUES,
    'Windows authentication rejected the credentials; check the account (locked, disabled, expired password) and the trust between server and domain.',
  ),
  dx(
    '401.1.2148074248',
    SSPI_RETURN_VALUES,
    'The client sent an unusable Negotiate/NTLM token; check for Kerberos SPN problems, a proxy that breaks connection-based authentication, or clock skew.',
  ),
  dx(
    '401.1.1326',
    IIS_STATUS_CODES,
    'Wrong user name or password for Basic authentication; check the account and the domain or realm the client logs on to.',
  ),
  dx(
    '401.1',
    IIS_STATUS_CODES,
    'The logon failed; look at the Win32 status for the reason and at the Security event log for failed logons (event 4625).',
  ),
  dx(
    '401.3.5',
    IIS_STATUS_CODES,
    'The NTFS permissions on the file stop the user (or the anonymous identity IUSR / the application pool identity) from reading it; check the file and folder ACL.',
  ),
  dx(
    '403.4',
    IIS_STATUS_CODES,
    'The site requires HTTPS and the request came over HTTP; add an HTTP-to-HTTPS redirect or fix links that use http://.',
  ),
  dx(
    '403.14',
    ANCM_ERRORS_REFERENCE,
    'A folder was requested with no default document and directory browsing off; add a default document, or for ASP.NET Core check the physical path and that web.config was deployed.',
  ),
  dx(
    '403.18',
    IIS_STATUS_CODES,
    'The URL (often a custom error page) belongs to a different application pool; move the page or the error mapping into the same pool.',
  ),
  dx(
    '403.502',
    IIS_STATUS_CODES,
    'Dynamic IP Restrictions blocked a client for its request rate; check whether the client is a bot or a shared proxy address, and the configured limits.',
  ),
  dx(
    '404.0.2',
    IIS_STATUS_CODES,
    "The file is not on disk: broken link, typo, deleted content or a scanner probing; list the top URLs and referrers for these rows and check the site's physical path.",
  ),
  dx(
    '404.0.3',
    IIS_STATUS_CODES,
    'A folder in the path does not exist on disk; check the physical path and virtual directories of the site.',
  ),
  dx(
    '404.0.0',
    IIS_STATUS_CODES,
    "The application (not the static file handler) answered 404, typically an unknown route; check the application's routing for these URLs.",
  ),
  dx(
    '404.2',
    IIS_STATUS_CODES,
    'ISAPI and CGI Restrictions block the extension that handles this file; allow it (e.g. the ASP.NET or PHP entry) at server level.',
  ),
  dx(
    '404.3',
    IIS_STATUS_CODES,
    'There is no MIME type for this file extension; add a mimeMap for it (e.g. .json, .woff2, .webmanifest) or install the feature that handles it.',
  ),
  dx(
    '404.4',
    IIS_STATUS_CODES,
    'No handler is mapped for this extension or path; install the feature (ASP.NET, PHP, ASP.NET Core Module) or add the handler mapping.',
  ),
  dx(
    '404.7',
    IIS_STATUS_CODES,
    'Request Filtering denies this file extension; allow it in requestFiltering/fileExtensions if it should be served.',
  ),
  dx(
    '404.8',
    IIS_STATUS_CODES,
    'Request Filtering denies the hidden segment in the URL (bin, App_Data, App_Code ...); the request is usually a probe, otherwise move the content.',
  ),
  dx(
    '404.11',
    IIS_STATUS_CODES,
    'The URL is double-escaped; allowDoubleEscaping is off, which is safer, so fix the link or allow it deliberately.',
  ),
  dx(
    '404.13',
    IIS_STATUS_CODES,
    'The upload is larger than requestLimits maxAllowedContentLength (about 28.6 MB by default); raise the limit if large uploads are intended.',
  ),
  dx(
    '404.15',
    IIS_STATUS_CODES,
    'The query string is longer than requestLimits maxQueryString; raise the limit or send the data in the body.',
  ),
  dx(
    '500.0',
    IIS_STATUS_CODES,
    "A module or ISAPI extension failed; enable Failed Request Tracing for the status and check the Application event log and the application's own logs.",
  ),
  dx(
    '500.13',
    IIS_STATUS_CODES,
    'The server had more concurrent requests than it could take; check CPU, slow requests and blocking calls at that time.',
  ),
  dx(
    '500.19.13',
    IIS_STATUS_CODES,
    'web.config or applicationHost.config cannot be read or is invalid: bad XML, or a section for a module that is not installed (URL Rewrite, ASP.NET Core Module); the detailed error page names the file and line.',
  ),
  dx(
    '500.19.5',
    IIS_STATUS_CODES,
    'IIS cannot read a configuration file; grant Read on the site folder and web.config to IIS_IUSRS or the application pool identity, and check UNC share credentials.',
  ),
  dx(
    '500.19',
    IIS_STATUS_CODES,
    'The configuration for this URL is invalid or unreadable; open the URL locally for the detailed error, which names the config file and line.',
  ),
  dx(
    '500.21',
    IIS_STATUS_CODES,
    'A handler names a module that is not installed (often ASP.NET or the ASP.NET Core Module); install the feature or fix the handler mapping.',
  ),
  dx(
    '500.22',
    IIS_STATUS_CODES,
    'Classic-mode httpModules settings in an Integrated pool; move them to system.webServer/modules (appcmd migrate config) or switch the pool to Classic.',
  ),
  dx(
    '500.23',
    IIS_STATUS_CODES,
    'Classic-mode httpHandlers settings in an Integrated pool; move them to system.webServer/handlers (appcmd migrate config) or switch the pool to Classic.',
  ),
  dx(
    '500.24',
    IIS_STATUS_CODES,
    'ASP.NET impersonation in an Integrated pool; set validateIntegratedModeConfiguration="false" if intended, or drop identity impersonate.',
  ),
  dx(
    '500.30',
    ANCM_TROUBLESHOOT,
    'The ASP.NET Core app threw during startup; enable stdoutLogEnabled in web.config and read the Application event log for the exception.',
  ),
  dx('500.31', ANCM_TROUBLESHOOT, 'The .NET runtime the app targets is not installed on the server; install the matching Hosting Bundle.'),
  dx(
    '500.32',
    ANCM_TROUBLESHOOT,
    "The app's bitness does not match the application pool; set Enable 32-Bit Applications to match the published app.",
  ),
  dx(
    '500.37',
    ANCM_TROUBLESHOOT,
    'The ASP.NET Core app took longer than startupTimeLimit to start; look for slow startup work (migrations, warm-up calls) or raise the limit.',
  ),
  dx(
    '502.3.12002',
    ARR_502,
    "The back-end server behind ARR did not answer within the proxy timeout (30 s by default); find the slow back-end request or raise the server farm's proxy timeout.",
  ),
  dx(
    '502.3.12029',
    ARR_502,
    'ARR could not connect to the back end; check that the back-end site is up, the port is open and the firewall allows it.',
  ),
  dx(
    '502.3.12030',
    ARR_502,
    'The back end closed or reset the connection mid-response, or TLS to it failed; check the back end for crashes and recycles and the TLS settings between ARR and the back end.',
  ),
  dx('502.3.12007', ARR_502, "ARR could not resolve the back-end host name; check DNS and the server farm's server addresses."),
  dx(
    '502.3.12152',
    ARR_502,
    'The back end sent a response ARR could not parse; check the back end for malformed headers or a non-HTTP service on that port.',
  ),
  dx(
    '502.3',
    ARR_502,
    'ARR failed talking to the back end; the Win32 status (a WinHTTP code) says whether it was a timeout, refusal or reset.',
  ),
  dx('502.4', ARR_502, 'No healthy server in the ARR farm; check health-test results and whether servers were taken offline.'),
  dx(
    '502.5',
    ANCM_ERRORS_REFERENCE,
    'With ASP.NET Core out-of-process hosting, the dotnet process did not start (enable stdout logging and check the Application event log); behind ARR 3.0.1916+ it is a WebSocket failure instead.',
  ),
  dx(
    '503.0',
    IIS_STATUS_CODES,
    'The application pool is stopped, often by rapid-fail protection after repeated crashes; check the pool state and the System event log (WAS events) for why it stopped.',
  ),
  dx(
    '503.2',
    IIS_STATUS_CODES,
    'More concurrent requests than appConcurrentRequestLimit allows; look for slow requests piling up before raising the limit.',
  ),
  dx(
    '503.3',
    IIS_STATUS_CODES,
    'The ASP.NET request queue is full because requests are arriving faster than they complete; look for slow or blocked requests.',
  ),
  dx(
    '503.4',
    IIS_STATUS_CODES,
    'The FastCGI queue (e.g. PHP) is full; check slow scripts and the FastCGI maxInstances / queueLength settings.',
  ),
  dx(
    '503',
    IIS_STATUS_CODES,
    'The service was unavailable: check the HTTPERR log s-reason for the same time (QueueFull, AppOffline, ConnLimit ...) and the application pool state.',
  ),
];
