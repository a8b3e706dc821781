/**
 * The structured containers: JSON lines, JSON arrays (and pretty-printed objects, Azure Monitor's
 * `{"records": […]}`), and CSV with a header row. Which keys feed which fields is a shape
 * (json-shapes.ts), chosen per file; these entries are the containers' own.
 */
import type { FormatInfo } from './format-info.js';

export const JSON_LINES: FormatInfo = {
  name: 'json',
  family: 'json',
  description: 'JSON lines: one request object a line, keys mapped by a built-in shape or --map',
  aliases: ['jsonl', 'ndjson'],
  spec: 'https://jsonlines.org/',
  samples: [
    {
      lines: [
        '{"ClientIP":"203.0.113.9","ClientRequestHost":"www.example.com","ClientRequestMethod":"GET","ClientRequestURI":"/a?b=1","EdgeResponseStatus":404,"EdgeResponseBytes":120,"EdgeStartTimestamp":1712790000100000000,"EdgeEndTimestamp":1712790000123000000}',
      ],
      layout: 'json (cloudflare)',
      records: [{ time: '2024-04-10T23:00:00.100Z', 'c-ip': '203.0.113.9', 'cs-uri-stem': '/a', 'sc-status': 404, 'time-taken': 23 }],
    },
    {
      lines: [
        '{"time_iso8601":"2024-04-10T23:00:00+00:00","remote_addr":"203.0.113.7","request":"GET /x HTTP/1.1","status":"200","body_bytes_sent":"12","request_time":"0.004"}',
      ],
      layout: 'json (nginx)',
      records: [{ time: '2024-04-10T23:00:00.000Z', 'c-ip': '203.0.113.7', 'cs-uri-stem': '/x', 'sc-status': 200, 'time-taken': 4 }],
    },
  ],
};

export const JSON_ARRAY: FormatInfo = {
  name: 'json-array',
  family: 'json',
  description:
    'JSON array of request objects (exports, cloud log dumps), pretty-printed objects one after another, Azure Monitor\'s {"records": […]}',
  spec: 'https://www.rfc-editor.org/rfc/rfc8259',
  samples: [
    {
      lines: [
        '[',
        '  {"ClientIP":"203.0.113.9","ClientRequestMethod":"GET","ClientRequestURI":"/a?b=1","EdgeResponseStatus":404,"EdgeResponseBytes":120,"EdgeStartTimestamp":1712790000100000000},',
        '  {"ClientIP":"203.0.113.7","ClientRequestMethod":"GET","ClientRequestURI":"/x","EdgeResponseStatus":200,"EdgeResponseBytes":12,"EdgeStartTimestamp":1712790000200000000}',
        ']',
      ],
      layout: 'json-array (cloudflare)',
      records: [
        { time: '2024-04-10T23:00:00.100Z', 'c-ip': '203.0.113.9', 'cs-uri-stem': '/a', 'sc-status': 404, 'sc-bytes': 120 },
        { time: '2024-04-10T23:00:00.200Z', 'c-ip': '203.0.113.7', 'cs-uri-stem': '/x', 'sc-status': 200, 'sc-bytes': 12 },
      ],
    },
  ],
};

export const CSV: FormatInfo = {
  name: 'csv',
  family: 'csv',
  description: 'CSV with a header row naming the columns, mapped by a built-in shape or --map',
  spec: 'https://www.rfc-editor.org/rfc/rfc4180',
  samples: [
    {
      lines: [
        'ClientIP,ClientRequestMethod,ClientRequestURI,EdgeResponseStatus,EdgeResponseBytes,EdgeStartTimestamp',
        '203.0.113.9,GET,/a?b=1,404,120,2024-04-10T23:00:00Z',
      ],
      layout: 'csv (cloudflare)',
      records: [{ time: '2024-04-10T23:00:00.000Z', 'c-ip': '203.0.113.9', 'cs-uri-stem': '/a', 'cs-uri-query': 'b=1', 'sc-status': 404 }],
    },
  ],
};
