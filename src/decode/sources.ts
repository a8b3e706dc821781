/**
 * Where each decoding table entry comes from. One constant per document so a moved page is fixed
 * in one place; the fact sheet the tables were checked against names the same documents.
 */

export const IANA_HTTP_STATUS = 'https://www.iana.org/assignments/http-status-codes/http-status-codes.xhtml';

/** RFC 9110 section 15.x anchors: the defining text for most registered status codes. */
export const rfc9110 = (section: string): string => `https://www.rfc-editor.org/rfc/rfc9110#section-${section}`;
/** Any other RFC, by number. */
export const rfc = (num: number): string => `https://www.rfc-editor.org/rfc/rfc${num}`;
export const DRAFT_RESUMABLE_UPLOAD = 'https://datatracker.ietf.org/doc/draft-ietf-httpbis-resumable-upload/';
export const IANA_HTTP_EXPERIMENTS_HISTORIC = 'https://datatracker.ietf.org/doc/status-change-http-experiments-to-historic/';

// Vendor status codes that turn up in real logs but are not IANA-registered.
export const NGINX_REWRITE_RETURN = 'https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return';
export const NGINX_SSL_ERRORS = 'https://nginx.org/en/docs/http/ngx_http_ssl_module.html#errors';
export const NGINX_REQUEST_H = 'https://github.com/nginx/nginx/blob/master/src/http/ngx_http_request.h';
export const NGINX_SPECIAL_RESPONSE = 'https://github.com/nginx/nginx/blob/master/src/http/ngx_http_special_response.c';
export const CLOUDFLARE_5XX = 'https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/';
export const AWS_ALB_ERRORS = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html';
export const MS_EXCHANGE_ACTIVESYNC_HTTP = 'https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-ashttp/';

// IIS sub-status codes.
/** KB 943891 "HTTP status codes in IIS" (IIS 7 and later, incl. ARR 3.0.1916 list). */
export const IIS_STATUS_CODES =
  'https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code';
/** KB 318380: IIS 5.0 / 6.0 status codes (archived copy; the live KB is gone). */
export const IIS6_STATUS_CODES = 'https://ftp.zx.net.nz/pub/archive/ftp.microsoft.com/MISC/KB/en-us/318/380.HTM';
/** IIS 6.0 operations guide, "HTTP 401.x-Unauthorized". */
export const IIS6_401 = 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2003/cc780140(v=ws.10)';
/** IIS 6.0 operations guide, "HTTP 403.x-Forbidden". */
export const IIS6_403 = 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2003/cc737788(v=ws.10)';
export const ANCM_TROUBLESHOOT = 'https://learn.microsoft.com/en-us/aspnet/core/test/troubleshoot-azure-iis';
export const ANCM_ERRORS_REFERENCE = 'https://learn.microsoft.com/en-us/aspnet/core/host-and-deploy/azure-iis-errors-reference';
export const ARR_502 =
  'https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/application-request-routing/troubleshooting-502-errors-in-arr';
/** <logFile> reference: defines sc-substatus / sc-win32-status fields. */
export const IIS_LOGFILE = 'https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/site/logfile/';

// Win32 / HRESULT values.
export const WIN32_ERRORS_INDEX = 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes';
export const WIN32_ERRORS_0_499 = 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-';
export const WIN32_ERRORS_500_999 = 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--500-999-';
export const WIN32_ERRORS_1000_1299 = 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--1000-1299-';
export const WIN32_ERRORS_1300_1699 = 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--1300-1699-';
export const WIN32_ERRORS_1700_3999 = 'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--1700-3999-';
export const WINSOCK_ERRORS = 'https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2';
export const WINHTTP_ERRORS = 'https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages';
export const SSPI_RETURN_VALUES = 'https://learn.microsoft.com/en-us/windows/win32/secauthn/acceptsecuritycontext--general';
/** MS-ERREF 2.1: HRESULT bit layout and facility numbers. */
export const HRESULT_LAYOUT = 'https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-erref/0642cb2f-2075-4469-918c-4441e69c548a';
/** MS-ERREF 2.1.1: common HRESULT values (E_FAIL ...). */
export const HRESULT_VALUES = 'https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-erref/705fb797-2175-4a90-b5a3-3918024b10b8';

// HTTP.sys error log (HTTPERR).
export const HTTPERR_KB820729 = 'https://docs.microsoft.com/en-us/troubleshoot/aspnet/error-logging-http-apis';
export const HTTPERR_TYPES = 'https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api';
/** Reasons seen in public sample logs but in no Microsoft table: we cite the log we saw them in. */
export const SAMPLE_ELASTIC_HTTPERR = 'https://github.com/elastic/beats/tree/main/filebeat/module/iis/error/test';
export const SAMPLE_PLASO_HTTPERR = 'https://github.com/log2timeline/plaso/tree/main/test_data';
