/**
 * Envoy's default access-log format string, and Istio's, compiled into access-log scanners. Envoy
 * (and the gateways built on it) writes them when no format is configured; its JSON logs are a field-map shape.
 * Spec: https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage
 */
import { assemble, type CompiledAccessFormat, type FieldSpec } from './access-log.js';
import { lookupTable } from './lookup-table.js';

export const ENVOY_FORMATS = {
  default:
    '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"',
  // Istio's sidecars and gateways (https://istio.io/latest/docs/tasks/observability/logs/access-log/#default-access-log-format).
  istio:
    '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%',
} as const;

type Spec = Omit<FieldSpec, 'source'>;

/** The command operators of the default format. A TCP connection logs `- - -` for the request. */
const OPERATORS: Record<string, Spec> = lookupTable({
  START_TIME: { target: 'timestamp', kind: 'iso-time', charset: 'nospace' },
  'REQ(:METHOD)': { target: 'cs-method', kind: 'text', charset: 'nospace' },
  'REQ(X-ENVOY-ORIGINAL-PATH?:PATH)': { target: 'uri', kind: 'uri', charset: 'nospace' },
  PROTOCOL: { target: 'cs-version', kind: 'text', charset: 'nospace' },
  // 0 when no response was sent (a reset stream, a TCP connection): not three digits.
  RESPONSE_CODE: { target: 'sc-status', kind: 'int', charset: 'nospace' },
  RESPONSE_FLAGS: { target: 'response_flags', kind: 'text', charset: 'nospace' },
  BYTES_RECEIVED: { target: 'cs-bytes', kind: 'int', charset: 'nospace' },
  BYTES_SENT: { target: 'sc-bytes', kind: 'int', charset: 'nospace' },
  DURATION: { target: 'time-taken', kind: 'duration', charset: 'nospace', toMs: 1 },
  'RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)': { target: 'upstream_service_time', kind: 'text', charset: 'nospace' },
  // With no downstream address in the format, the forwarded-for list names the client (see assemble).
  'REQ(X-FORWARDED-FOR)': { target: 'cs(X-Forwarded-For)', kind: 'text', charset: 'list' },
  'REQ(USER-AGENT)': { target: 'cs(User-Agent)', kind: 'text', charset: 'any' },
  'REQ(X-REQUEST-ID)': { target: 'request_id', kind: 'text', charset: 'any' },
  'REQ(:AUTHORITY)': { target: 'cs-host', kind: 'text', charset: 'any' },
  UPSTREAM_HOST: { target: 'upstream_host', kind: 'text', charset: 'any' },
  RESPONSE_CODE_DETAILS: { target: 'response_code_details', kind: 'text', charset: 'nospace' },
  CONNECTION_TERMINATION_DETAILS: { target: 'connection_termination_details', kind: 'text', charset: 'nospace' },
  UPSTREAM_TRANSPORT_FAILURE_REASON: { target: 'upstream_transport_failure_reason', kind: 'text', charset: 'any' },
  UPSTREAM_CLUSTER: { target: 'upstream_cluster', kind: 'text', charset: 'nospace' },
  UPSTREAM_LOCAL_ADDRESS: { target: 'upstream_local_address', kind: 'text', charset: 'nospace' },
  DOWNSTREAM_LOCAL_ADDRESS: { target: 's-ip', kind: 'address', charset: 'nospace' },
  DOWNSTREAM_REMOTE_ADDRESS: { target: 'c-ip', kind: 'address', charset: 'nospace' },
  REQUESTED_SERVER_NAME: { target: 'requested_server_name', kind: 'text', charset: 'nospace' },
  ROUTE_NAME: { target: 'route_name', kind: 'text', charset: 'nospace' },
});

/** One of Envoy's stock formats: `%OPERATOR%` between literals. */
export function compileEnvoyFormat(name: keyof typeof ENVOY_FORMATS, label: string): CompiledAccessFormat {
  const parts: (string | FieldSpec)[] = [];
  const pieces = ENVOY_FORMATS[name].split('%');
  // Odd pieces are operators: the string opens with a literal, and every operator is closed.
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) parts.push(piece);
    else parts.push({ ...OPERATORS[piece]!, source: `%${piece}%` });
  });
  return assemble(label, parts);
}
