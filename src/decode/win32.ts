import type { CodeEntry } from './types.js';
import {
  HRESULT_VALUES,
  SSPI_RETURN_VALUES,
  WIN32_ERRORS_0_499,
  WIN32_ERRORS_1000_1299,
  WIN32_ERRORS_1300_1699,
  WIN32_ERRORS_1700_3999,
  WIN32_ERRORS_500_999,
  WIN32_ERRORS_INDEX,
  WINHTTP_ERRORS,
  WINSOCK_ERRORS,
} from './sources.js';

const w32 = (value: number, name: string, source: string, meaning: string): CodeEntry => ({
  code: `win32:${value}`,
  kind: 'win32',
  vendor: 'Microsoft',
  name,
  meaning,
  source,
});

/**
 * Values IIS writes to `sc-win32-status` (unsigned decimal). HRESULTs are keyed by their decimal
 * value, as the log writes them. The "in IIS logs" part of a meaning comes from Microsoft's ARR
 * troubleshooting article for 64, 1229 and the WinHTTP codes; for the rest it is common practice.
 */
export const WIN32_ENTRIES: readonly CodeEntry[] = [
  w32(0, 'ERROR_SUCCESS', WIN32_ERRORS_0_499, 'The operation succeeded; the normal value for a request that completed.'),
  w32(
    1,
    'ERROR_INVALID_FUNCTION',
    WIN32_ERRORS_0_499,
    'The object does not support the operation that was called; a catch-all failure IIS gives no special meaning to.',
  ),
  w32(2, 'ERROR_FILE_NOT_FOUND', WIN32_ERRORS_0_499, 'The file does not exist; with 404.0 it means the static file is missing on disk.'),
  w32(
    3,
    'ERROR_PATH_NOT_FOUND',
    WIN32_ERRORS_0_499,
    'A folder on the path does not exist; with 404.0 the directory part of the URL is missing on disk.',
  ),
  w32(
    5,
    'ERROR_ACCESS_DENIED',
    WIN32_ERRORS_0_499,
    'Access was denied; with 401.x/403.x it points at permissions or at the anonymous first step of Windows authentication.',
  ),
  w32(6, 'ERROR_INVALID_HANDLE', WIN32_ERRORS_0_499, 'A handle was not valid; a rare internal failure.'),
  w32(8, 'ERROR_NOT_ENOUGH_MEMORY', WIN32_ERRORS_0_499, 'Not enough memory was available to finish the operation.'),
  w32(
    13,
    'ERROR_INVALID_DATA',
    WIN32_ERRORS_0_499,
    'The data is not valid; with 500.19 it means the configuration file could not be parsed.',
  ),
  w32(14, 'ERROR_OUTOFMEMORY', WIN32_ERRORS_0_499, 'Storage ran out while the operation was running.'),
  w32(31, 'ERROR_GEN_FAILURE', WIN32_ERRORS_0_499, 'A device attached to the system is not functioning.'),
  w32(
    32,
    'ERROR_SHARING_VIOLATION',
    WIN32_ERRORS_0_499,
    'Another process has the file open, so IIS could not read it (antivirus or a deployment in progress are typical).',
  ),
  w32(38, 'ERROR_HANDLE_EOF', WIN32_ERRORS_0_499, 'The end of the file was reached.'),
  w32(50, 'ERROR_NOT_SUPPORTED', WIN32_ERRORS_0_499, 'The request is not supported by the handler or the operating system.'),
  w32(
    53,
    'ERROR_BAD_NETPATH',
    WIN32_ERRORS_0_499,
    'The network path was not found: content or configuration on a UNC share could not be reached.',
  ),
  w32(59, 'ERROR_UNEXP_NET_ERR', WIN32_ERRORS_0_499, 'An unexpected network error happened, often while reading content from a UNC share.'),
  w32(
    64,
    'ERROR_NETNAME_DELETED',
    WIN32_ERRORS_0_499,
    'The network connection was gone when IIS used it: the client (or a proxy in front) disconnected before the response was fully sent, even if the status says 200.',
  ),
  w32(
    67,
    'ERROR_BAD_NET_NAME',
    WIN32_ERRORS_0_499,
    'The network name cannot be found: the share holding the content does not exist or is not shared.',
  ),
  w32(87, 'ERROR_INVALID_PARAMETER', WIN32_ERRORS_0_499, 'A parameter passed to a system call was wrong; a generic failure.'),
  w32(
    121,
    'ERROR_SEM_TIMEOUT',
    WIN32_ERRORS_0_499,
    'A timeout expired at the network level: the client stopped acknowledging data while IIS was sending.',
  ),
  w32(122, 'ERROR_INSUFFICIENT_BUFFER', WIN32_ERRORS_0_499, 'A buffer handed to a system call was too small.'),
  w32(
    123,
    'ERROR_INVALID_NAME',
    WIN32_ERRORS_0_499,
    'The file name, folder name or volume label syntax is not valid, often a URL that maps to an illegal path.',
  ),
  w32(126, 'ERROR_MOD_NOT_FOUND', WIN32_ERRORS_0_499, 'A DLL that a module needs could not be found.'),
  w32(183, 'ERROR_ALREADY_EXISTS', WIN32_ERRORS_0_499, 'A file could not be created because it already exists.'),
  w32(
    193,
    'ERROR_BAD_EXE_FORMAT',
    WIN32_ERRORS_0_499,
    'The file is not a valid program for this platform, typically a 32/64-bit mismatch between a module and the worker process.',
  ),
  w32(234, 'ERROR_MORE_DATA', WIN32_ERRORS_0_499, 'More data is available than fit in the buffer.'),
  w32(258, 'WAIT_TIMEOUT', WIN32_ERRORS_0_499, 'A wait operation timed out.'),
  w32(
    433,
    'ERROR_NO_SUCH_DEVICE',
    WIN32_ERRORS_0_499,
    'A device that does not exist was named; ASP.NET Core hosting reports it as 0x800701B1 when a Windows service the app needs failed to load.',
  ),
  w32(
    995,
    'ERROR_OPERATION_ABORTED',
    WIN32_ERRORS_500_999,
    'The I/O was cancelled, usually because the client went away or the request was aborted.',
  ),
  w32(997, 'ERROR_IO_PENDING', WIN32_ERRORS_500_999, 'An overlapped (asynchronous) I/O operation was still in progress.'),
  w32(1115, 'ERROR_SHUTDOWN_IN_PROGRESS', WIN32_ERRORS_1000_1299, 'A system shutdown is in progress.'),
  w32(1168, 'ERROR_NOT_FOUND', WIN32_ERRORS_1000_1299, 'Element not found.'),
  w32(1223, 'ERROR_CANCELLED', WIN32_ERRORS_1000_1299, 'The operation was cancelled by the user.'),
  w32(
    1225,
    'ERROR_CONNECTION_REFUSED',
    WIN32_ERRORS_1000_1299,
    'The remote computer refused the connection; behind a proxy this means the back end is not listening.',
  ),
  w32(
    1229,
    'ERROR_CONNECTION_INVALID',
    WIN32_ERRORS_1000_1299,
    'IIS tried to use a connection that no longer exists: the client (or ARR in front) had already disconnected when the response was flushed.',
  ),
  w32(1231, 'ERROR_NETWORK_UNREACHABLE', WIN32_ERRORS_1000_1299, 'The network location cannot be reached.'),
  w32(1232, 'ERROR_HOST_UNREACHABLE', WIN32_ERRORS_1000_1299, 'The remote host cannot be reached.'),
  w32(1235, 'ERROR_REQUEST_ABORTED', WIN32_ERRORS_1000_1299, 'The request was aborted.'),
  w32(
    1236,
    'ERROR_CONNECTION_ABORTED',
    WIN32_ERRORS_1000_1299,
    'The local system aborted the connection: HTTP.sys or IIS closed it, for example on a timeout or limit.',
  ),
  w32(
    1244,
    'ERROR_NOT_AUTHENTICATED',
    WIN32_ERRORS_1000_1299,
    'The operation was not performed because the user has not been authenticated.',
  ),
  w32(
    1311,
    'ERROR_NO_LOGON_SERVERS',
    WIN32_ERRORS_1300_1699,
    'No logon server (domain controller) was available to check the logon; with 401.1 the credentials could not be verified at all.',
  ),
  w32(
    1314,
    'ERROR_PRIVILEGE_NOT_HELD',
    WIN32_ERRORS_1300_1699,
    'A required privilege is not held by the client, often the identity of the application pool.',
  ),
  w32(1326, 'ERROR_LOGON_FAILURE', WIN32_ERRORS_1300_1699, 'The user name or password is wrong; seen with 401.1 for Basic or FTP logons.'),
  w32(
    1327,
    'ERROR_ACCOUNT_RESTRICTION',
    WIN32_ERRORS_1300_1699,
    'An account restriction (logon hours, blank password, workstation) stopped the logon.',
  ),
  w32(1330, 'ERROR_PASSWORD_EXPIRED', WIN32_ERRORS_1300_1699, 'The account password has expired.'),
  w32(1331, 'ERROR_ACCOUNT_DISABLED', WIN32_ERRORS_1300_1699, 'The account is disabled.'),
  w32(
    1346,
    'ERROR_BAD_IMPERSONATION_LEVEL',
    WIN32_ERRORS_1300_1699,
    'A required impersonation level was not provided, or the one provided is not valid: the token IIS got cannot be used to act as the user (delegation or constrained-delegation settings).',
  ),
  w32(1355, 'ERROR_NO_SUCH_DOMAIN', WIN32_ERRORS_1300_1699, 'The domain named in the logon does not exist or could not be contacted.'),
  w32(
    1385,
    'ERROR_LOGON_TYPE_NOT_GRANTED',
    WIN32_ERRORS_1300_1699,
    'The user has not been granted the logon type IIS asked for on this server; with 401.1 the account lacks a right such as "Access this computer from the network" or "Log on as a batch job".',
  ),
  w32(1450, 'ERROR_NO_SYSTEM_RESOURCES', WIN32_ERRORS_1300_1699, 'Insufficient system resources exist to complete the requested service.'),
  w32(1460, 'ERROR_TIMEOUT', WIN32_ERRORS_1300_1699, 'The operation returned because its timeout period expired.'),
  w32(
    1630,
    'ERROR_UNSUPPORTED_TYPE',
    WIN32_ERRORS_1300_1699,
    'Data of this type is not supported; a Windows Installer code with no IIS reading.',
  ),
  w32(
    1722,
    'RPC_S_SERVER_UNAVAILABLE',
    WIN32_ERRORS_1700_3999,
    'The RPC server is unavailable: a remote service the request needed (a domain controller, a mailbox server) could not be reached.',
  ),
  w32(1726, 'RPC_S_CALL_FAILED', WIN32_ERRORS_1700_3999, 'The remote procedure call failed after it was made.'),
  w32(1793, 'ERROR_ACCOUNT_EXPIRED', WIN32_ERRORS_1700_3999, 'The user account has expired.'),
  w32(1907, 'ERROR_PASSWORD_MUST_CHANGE', WIN32_ERRORS_1700_3999, 'The user must change the password before signing in.'),
  w32(1909, 'ERROR_ACCOUNT_LOCKED_OUT', WIN32_ERRORS_1700_3999, 'The account is locked out, typically after too many bad passwords.'),
  w32(
    10053,
    'WSAECONNABORTED',
    WINSOCK_ERRORS,
    'Software on this machine aborted the connection, for example after a timeout or protocol error.',
  ),
  w32(10054, 'WSAECONNRESET', WINSOCK_ERRORS, 'The other side reset the TCP connection.'),
  w32(10060, 'WSAETIMEDOUT', WINSOCK_ERRORS, 'The other side did not answer in time, so the connection attempt or transfer timed out.'),
  w32(10061, 'WSAECONNREFUSED', WINSOCK_ERRORS, 'The target machine actively refused the connection; nothing listens on that port.'),
  w32(10065, 'WSAEHOSTUNREACH', WINSOCK_ERRORS, 'No route to the remote host.'),
  w32(
    12002,
    'ERROR_WINHTTP_TIMEOUT',
    WINHTTP_ERRORS,
    'The proxied request timed out; with ARR 502.3 the back end took longer than the proxy timeout (30 seconds by default).',
  ),
  w32(
    12007,
    'ERROR_WINHTTP_NAME_NOT_RESOLVED',
    WINHTTP_ERRORS,
    'The server name could not be resolved; behind ARR the back-end host name does not resolve.',
  ),
  w32(
    12017,
    'ERROR_WINHTTP_OPERATION_CANCELLED',
    WINHTTP_ERRORS,
    'The proxied request was cancelled, usually because its handle was closed before it completed (the client went away).',
  ),
  w32(
    12029,
    'ERROR_WINHTTP_CANNOT_CONNECT',
    WINHTTP_ERRORS,
    'No connection to the server could be made; behind ARR the back end is unreachable.',
  ),
  w32(
    12030,
    'ERROR_WINHTTP_CONNECTION_ERROR',
    WINHTTP_ERRORS,
    'The connection to the server was reset or closed, or TLS could not be negotiated; with ARR 502.3 the back end dropped the connection mid-response.',
  ),
  w32(
    12038,
    'ERROR_WINHTTP_SECURE_CERT_CN_INVALID',
    WINHTTP_ERRORS,
    "The back end's certificate name does not match the host name it was reached by.",
  ),
  w32(
    12044,
    'ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED',
    WINHTTP_ERRORS,
    'The back end asked for a client certificate, which the proxy did not have to send.',
  ),
  w32(
    12045,
    'ERROR_WINHTTP_SECURE_INVALID_CA',
    WINHTTP_ERRORS,
    "The back end's certificate chain ends in a root the proxy does not trust.",
  ),
  w32(12150, 'ERROR_WINHTTP_HEADER_NOT_FOUND', WINHTTP_ERRORS, "A header the proxy looked for in the back end's response was not there."),
  w32(
    12152,
    'ERROR_WINHTTP_INVALID_SERVER_RESPONSE',
    WINHTTP_ERRORS,
    'The server reply could not be parsed; with ARR 502.3 the back end sent an invalid HTTP response.',
  ),
  w32(
    12156,
    'ERROR_WINHTTP_REDIRECT_FAILED',
    WINHTTP_ERRORS,
    'A redirect could not be followed: the scheme changed or too many redirects were made.',
  ),
  w32(
    12157,
    'ERROR_WINHTTP_SECURE_CHANNEL_ERROR',
    WINHTTP_ERRORS,
    'A TLS (secure channel) error happened between the proxy and the back end, for example no protocol or cipher in common.',
  ),
  w32(
    12175,
    'ERROR_WINHTTP_SECURE_FAILURE',
    WINHTTP_ERRORS,
    "The server's TLS certificate had errors, so the secure connection was refused.",
  ),
  w32(0x80004001, 'E_NOTIMPL', HRESULT_VALUES, 'COM/.NET code reported that the called function is not implemented (0x80004001).'),
  w32(0x80004003, 'E_POINTER', HRESULT_VALUES, 'COM/.NET code was handed an invalid pointer (0x80004003).'),
  w32(0x80004004, 'E_ABORT', HRESULT_VALUES, 'The operation was aborted (0x80004004).'),
  w32(
    0x80004005,
    'E_FAIL',
    HRESULT_VALUES,
    'Unspecified failure (0x80004005); the module that failed gave no more detail, so check its own logs.',
  ),
  w32(0x8000ffff, 'E_UNEXPECTED', HRESULT_VALUES, 'A catastrophic, unexpected failure was reported (0x8000FFFF).'),
  w32(
    0x80090302,
    'SEC_E_UNSUPPORTED_FUNCTION',
    SSPI_RETURN_VALUES,
    'The security package does not support the requested function (0x80090302), often a TLS or authentication protocol mismatch.',
  ),
  w32(0x80090304, 'SEC_E_INTERNAL_ERROR', SSPI_RETURN_VALUES, 'The security package hit an internal error (0x80090304).'),
  w32(
    0x80090308,
    'SEC_E_INVALID_TOKEN',
    SSPI_RETURN_VALUES,
    'The authentication token sent by the client was not valid (0x80090308); with 401.1 a malformed or unusable Negotiate/NTLM token.',
  ),
  w32(
    0x8009030c,
    'SEC_E_LOGON_DENIED',
    SSPI_RETURN_VALUES,
    'Windows authentication refused the logon (0x8009030C); with 401.1 the NTLM/Kerberos credentials were rejected.',
  ),
  w32(
    0x8009030d,
    'SEC_E_UNKNOWN_CREDENTIALS',
    SSPI_RETURN_VALUES,
    'The credentials given to the security package were not recognised (0x8009030D).',
  ),
  w32(
    0x8009030e,
    'SEC_E_NO_CREDENTIALS',
    SSPI_RETURN_VALUES,
    'The security package had no credentials to use (0x8009030E); with 401.1 it is the usual mid-handshake step of Negotiate/NTLM, not necessarily a failure.',
  ),
  w32(
    0x80090311,
    'SEC_E_NO_AUTHENTICATING_AUTHORITY',
    SSPI_RETURN_VALUES,
    'No authority (domain controller) could be contacted to check the credentials (0x80090311).',
  ),
  w32(0x80090317, 'SEC_E_CONTEXT_EXPIRED', SSPI_RETURN_VALUES, 'The security context has expired (0x80090317).'),
  w32(
    0x80090322,
    'SEC_E_WRONG_PRINCIPAL',
    SSPI_RETURN_VALUES,
    'The Kerberos ticket was for a different service principal (0x80090322), typically a missing or duplicate SPN.',
  ),
  w32(0x80090325, 'SEC_E_UNTRUSTED_ROOT', SSPI_RETURN_VALUES, 'The certificate chain ends in a root that is not trusted (0x80090325).'),
  w32(0x80090327, 'SEC_E_CERT_UNKNOWN', SSPI_RETURN_VALUES, 'An unknown error occurred while processing the certificate (0x80090327).'),
  w32(0x80090328, 'SEC_E_CERT_EXPIRED', SSPI_RETURN_VALUES, 'The certificate has expired (0x80090328).'),
];

/**
 * HRESULT facility numbers (bits 16-26) worth naming in a log report; MS-ERREF lists more.
 * Used to say where an unknown HRESULT came from.
 */
export const HRESULT_FACILITIES: Readonly<Record<number, string>> = {
  0: 'FACILITY_NULL (general)',
  1: 'FACILITY_RPC',
  2: 'FACILITY_DISPATCH (COM automation)',
  3: 'FACILITY_STORAGE',
  4: 'FACILITY_ITF (interface-specific)',
  7: 'FACILITY_WIN32 (wraps a Win32 error code)',
  8: 'FACILITY_WINDOWS',
  9: 'FACILITY_SECURITY (SSPI)',
  10: 'FACILITY_CONTROL',
  11: 'FACILITY_CERT',
  12: 'FACILITY_INTERNET',
  17: 'FACILITY_COMPLUS',
  19: 'FACILITY_URT (.NET runtime)',
  25: 'FACILITY_HTTP',
  33: 'FACILITY_CONFIGURATION',
};

/** Numeric ranges of Win32-space codes that share an origin; the label is used for codes not in the table. */
export interface Win32Range {
  from: number;
  to: number;
  label: string;
  source: string;
}

export const WIN32_RANGES: readonly Win32Range[] = [
  { from: 0, to: 499, label: 'Windows system error (0-499)', source: WIN32_ERRORS_0_499 },
  { from: 500, to: 999, label: 'Windows system error (500-999)', source: WIN32_ERRORS_500_999 },
  { from: 1000, to: 1299, label: 'Windows system error (1000-1299)', source: WIN32_ERRORS_1000_1299 },
  { from: 1300, to: 1699, label: 'Windows system error (1300-1699)', source: WIN32_ERRORS_1300_1699 },
  { from: 1700, to: 3999, label: 'Windows system error (1700-3999)', source: WIN32_ERRORS_1700_3999 },
  { from: 4000, to: 9999, label: 'Windows system error (4000-9999)', source: WIN32_ERRORS_INDEX },
  { from: 10000, to: 11999, label: 'Winsock (network socket) error', source: WINSOCK_ERRORS },
  { from: 12000, to: 12199, label: 'WinHTTP error (from a proxy such as ARR talking to a back end)', source: WINHTTP_ERRORS },
  { from: 0x80090300, to: 0x800903ff, label: 'SSPI security package error (Windows authentication or TLS)', source: SSPI_RETURN_VALUES },
];
