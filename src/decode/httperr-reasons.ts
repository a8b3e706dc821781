import type { CodeEntry } from './types.js';
import { HTTPERR_KB820729, HTTPERR_TYPES, SAMPLE_ELASTIC_HTTPERR, SAMPLE_PLASO_HTTPERR } from './sources.js';

const reason = (name: string, source: string, meaning: string): CodeEntry => ({
  code: `httperr:${name}`,
  kind: 'httperr-reason',
  vendor: 'Microsoft',
  name,
  meaning,
  source,
});

/**
 * HTTP.sys error log (HTTPERR) `s-reason` values. KB 820729 has the longest list; the Win32 "Types of
 * errors" page lacks a few, so those cite the KB. Where the two disagree the meaning says so.
 */
export const HTTPERR_REASON_ENTRIES: readonly CodeEntry[] = [
  reason(
    'AppOffline',
    HTTPERR_TYPES,
    'HTTP.sys answered 503 because the application was taken offline after repeated application errors (rapid-fail protection).',
  ),
  reason(
    'AppPoolTimer',
    HTTPERR_TYPES,
    "HTTP.sys answered 503 because the application pool's process was too busy to pick up the request.",
  ),
  reason(
    'AppShutdown',
    HTTPERR_TYPES,
    'HTTP.sys answered 503 because the application was shut down automatically under an administrator policy.',
  ),
  reason('BadRequest', HTTPERR_TYPES, 'HTTP.sys could not parse the request and answered 400.'),
  reason(
    'Client_Reset',
    HTTPERR_KB820729,
    'The client hung up while the request was still waiting in HTTP.sys, before any worker process got it.',
  ),
  reason(
    'Connection_Abandoned_By_AppPool',
    HTTPERR_TYPES,
    'A worker process crashed or closed its queue handle and left the request without an answer.',
  ),
  reason(
    'Connection_Abandoned_By_ReqQueue',
    HTTPERR_KB820729,
    'A worker process left a request in the request queue unanswered, usually because it crashed or was recycled (Windows Vista / Server 2008 and later).',
  ),
  reason(
    'Connection_Dropped',
    HTTPERR_KB820729,
    'The connection closed before HTTP.sys finished the response or its logging; sources disagree whether the client disconnected early or merely did so after getting the response.',
  ),
  reason(
    'Connection_Dropped_List_Full',
    HTTPERR_KB820729,
    'The list HTTP.sys keeps of dropped connections waiting for logging was full, so this one was logged right away.',
  ),
  reason('ConnLimit', HTTPERR_TYPES, 'HTTP.sys answered 503 because the site reached its connection limit.'),
  reason(
    'Connections_Refused',
    HTTPERR_KB820729,
    'Kernel non-paged pool memory ran low (under 20 MB), so HTTP.sys stopped accepting connections.',
  ),
  reason('Disabled', HTTPERR_TYPES, 'HTTP.sys answered 503 because an administrator took the application offline.'),
  reason('EntityTooLarge', HTTPERR_TYPES, 'The request body was larger than HTTP.sys allows.'),
  reason('FieldLength', HTTPERR_TYPES, 'A request field was longer than the HTTP.sys limit (see MaxFieldLength).'),
  reason('Forbidden', HTTPERR_TYPES, 'HTTP.sys found an element or sequence that is not allowed while parsing the request.'),
  reason('Header', HTTPERR_TYPES, 'HTTP.sys could not parse a request header.'),
  reason('Hostname', HTTPERR_TYPES, 'HTTP.sys could not parse the host name (Host header or absolute URL).'),
  reason('Internal', HTTPERR_TYPES, 'HTTP.sys hit an internal server error and answered 500.'),
  reason('Invalid_CR/LF', HTTPERR_TYPES, 'The request had a carriage return or line feed where one is not allowed.'),
  reason('LengthRequired', HTTPERR_TYPES, 'The request lacked a length value that was required.'),
  reason(
    'N/A',
    HTTPERR_TYPES,
    'HTTP.sys answered 503 for an internal reason such as a memory allocation failure or a URL reservation conflict; also seen when the Host matched no site binding.',
  ),
  reason(
    'N/I',
    HTTPERR_TYPES,
    'The request used something HTTP.sys does not implement, such as an unknown transfer encoding (answered 501 or 503).',
  ),
  reason(
    'NotFound',
    SAMPLE_ELASTIC_HTTPERR,
    "Not in Microsoft's reason tables but common in real logs: HTTP.sys answered 404 because no registered URL (site binding or URL reservation) matched the request.",
  ),
  reason('Number', HTTPERR_TYPES, 'HTTP.sys could not parse a number in the request.'),
  reason('Precondition', HTTPERR_TYPES, 'A precondition the request needed was missing.'),
  reason('QueueFull', HTTPERR_TYPES, "HTTP.sys answered 503 because the application pool's request queue was full."),
  reason(
    'Request_Cancelled',
    HTTPERR_KB820729,
    "Not in Microsoft's reason tables: seen in Azure App Service logs when a queued request was cancelled before it was served.",
  ),
  reason(
    'Request_Too_Large',
    SAMPLE_PLASO_HTTPERR,
    "Not in Microsoft's reason tables: seen with status 413 when the request was larger than HTTP.sys accepts.",
  ),
  reason('RequestLength', HTTPERR_TYPES, 'The request was longer than the HTTP.sys limit (see MaxRequestBytes).'),
  reason(
    'Timer_AppPool',
    HTTPERR_TYPES,
    'The request waited in the application pool queue longer than the connection timeout (2 minutes by default) and was dropped.',
  ),
  reason(
    'Timer_ConnectionIdle',
    HTTPERR_TYPES,
    'An idle keep-alive connection hit the connection timeout (2 minutes by default) and HTTP.sys closed it; normally harmless.',
  ),
  reason(
    'Timer_EntityBody',
    HTTPERR_TYPES,
    'The request body did not finish arriving before the entity-body timer ran out (2 minutes by default; restarts with each chunk received).',
  ),
  reason(
    'Timer_HeaderWait',
    HTTPERR_TYPES,
    'The request headers took longer to arrive and parse than the header-wait limit (2 minutes by default).',
  ),
  reason(
    'Timer_MinBytesPerSecond',
    HTTPERR_TYPES,
    'The client read the response more slowly than the minimum send rate, so HTTP.sys closed the connection (default 240 bytes/s per KB 820729, 150 bytes/s per the Win32 docs).',
  ),
  reason(
    'Timer_ReqQueue',
    HTTPERR_KB820729,
    'The request waited in the request queue too long before a worker process took it (Windows Vista / Server 2008 and later).',
  ),
  reason('Timer_Response', HTTPERR_TYPES, 'Reserved by HTTP.sys; not used.'),
  reason(
    'Timer_SslRenegotiation',
    HTTPERR_KB820729,
    'TLS renegotiation with the client took longer than its timeout (2 minutes by default).',
  ),
  reason('URL', HTTPERR_TYPES, 'HTTP.sys could not parse the URL.'),
  reason('URL_Length', HTTPERR_TYPES, 'The URL was longer than HTTP.sys allows.'),
  reason('Verb', HTTPERR_TYPES, 'HTTP.sys could not parse the HTTP verb.'),
  reason('Version_N/S', HTTPERR_TYPES, 'The request used an HTTP version HTTP.sys does not support (answered 505).'),
];
