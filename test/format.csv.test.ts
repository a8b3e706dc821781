/**
 * CSV with a header row: RFC 4180 quoting split by csv-parse, header names mapped by the built-in
 * shapes (Cloudflare export columns, W3C names) or `--map`, and rows that do not fit the header
 * rejected with csv-parse's error code.
 */
import { CsvError } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { csvFormat, CsvLineReader } from '../parsers/csv.js';
import { parseFieldMap } from '../parsers/field-map.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, options: { format?: string; fieldMap?: Record<string, string> } = {}): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('export.csv', text)], options)) out.push(r);
  return out;
}

describe('format: csv', () => {
  it('splits lines with csv-parse ("" escapes, commas inside quotes, empty cells) and reads on after an error', () => {
    const reader = new CsvLineReader<string[]>({ relax_quotes: true });
    expect(reader.read('a,"b,c","say ""hi""",,e')).toEqual(['a', 'b,c', 'say "hi"', '', 'e']);
    const open = reader.read('"open');
    expect(open).toBeInstanceOf(CsvError);
    expect((open as CsvError).code).toBe('CSV_QUOTE_NOT_CLOSED');
    expect(reader.read('x,y"z,1')).toEqual(['x', 'y"z', '1']);
  });

  it('reads quoted values into their columns and rejects damaged rows naming the csv-parse code', async () => {
    const text = [
      'sc-status,cs-uri-stem,cs(User-Agent)',
      '200,"/a,b","Mozilla/5.0 (X11; Linux) ""quoted"", thing"',
      '404,/c,"open',
      '500,/d',
      '200,/e,curl/8',
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['cs-uri-stem'], r.record['cs(User-Agent)']])).toEqual([
      [2, '/a,b', 'Mozilla/5.0 (X11; Linux) "quoted", thing'],
      [5, '/e', 'curl/8'],
    ]);
    const report = await analyse([memorySource('x.csv', text)]);
    expect(report.input).toMatchObject({
      lines: 5,
      records: 2,
      directives: 1,
      rejected: 2,
      rejectedByReason: { 'no-match': 1, 'field-count-mismatch': 1 },
    });
    expect(report.input.rejectedSamples.map((s) => [s.line, s.detail])).toEqual([
      [3, 'unbalanced quotes (CSV_QUOTE_NOT_CLOSED)'],
      [4, '2 values for 3 columns (CSV_RECORD_INCONSISTENT_COLUMNS)'],
    ]);
  });

  it('parses the samples, detected without flags, with the header as a directive', async () => {
    const report = await analyse([memorySource('cf.csv', csvFormat.samples.join('\n'))]);
    expect(report.input).toMatchObject({ records: 1, directives: 1, rejected: 0, formats: { 'csv (cloudflare)': 1 } });
    const [r] = await records(csvFormat.samples.join('\n'));
    expect(r!.record).toEqual({
      'c-ip': '203.0.113.9',
      'cs-method': 'GET',
      'cs-uri-stem': '/a',
      'cs-uri-query': 'b=1',
      'sc-status': 404,
      'sc-bytes': 120,
      timestamp: Date.UTC(2024, 3, 10, 23),
    });
  });

  it('reads W3C-named columns and --map for other names', async () => {
    const [w] = await records('date-time,sc-status,cs-uri-stem,time-taken\n2024-01-01T00:00:00Z,500,/x,12', {
      fieldMap: parseFieldMap('time=date-time'),
    });
    expect(w!.record).toEqual({ timestamp: Date.UTC(2024, 0, 1), 'sc-status': 500, 'cs-uri-stem': '/x', 'time-taken': 12 });
    const [m] = await records('Code,Url,Client\n418,"/tea,pot",192.0.2.1', {
      format: 'csv',
      fieldMap: parseFieldMap('status=Code,uri=Url,ip=Client'),
    });
    expect(m!.record).toEqual({ 'sc-status': 418, 'cs-uri-stem': '/tea,pot', 'c-ip': '192.0.2.1' });
  });

  it('joins W3C date and time columns (IIS logs exported by Log Parser or Excel) into a UTC timestamp', async () => {
    const text =
      'date,time,c-ip,cs-method,cs-uri-stem,sc-status,sc-substatus,sc-win32-status\n2024-01-05,10:00:01,192.0.2.1,GET,/a,500,19,13\n2024-01-05 00:00:00,2000-01-01 23:59:59,192.0.2.2,GET,/b,200,0,0';
    const found = await records(text);
    expect(found.map((r) => [r.format, r.record.timestamp, r.record['sc-substatus']])).toEqual([
      ['csv', Date.UTC(2024, 0, 5, 10, 0, 1), 19],
      ['csv', Date.UTC(2024, 0, 5, 23, 59, 59), 0],
    ]);
  });

  it('rejects a row whose cell count differs from the header', async () => {
    const report = await analyse([memorySource('x.csv', 'sc-status,cs-uri-stem,c-ip\n200,/a,1.1.1.1\n200,/b')]);
    expect(report.input.rejectedByReason).toEqual({ 'field-count-mismatch': 1 });
  });

  describe('Exchange Server logs (CSV under #Software/#Log-type/#Fields directives)', () => {
    // The HttpProxy column list of Exchange 2016 CU23 (15.01.2375), as its #Fields line names them.
    const FIELDS =
      'DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,TargetServer,TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,RequestBytes,ResponseBytes,TargetOutstandingRequests,AuthModulePerfContext,HttpPipelineLatency,CalculateTargetBackEndLatency,GlsLatencyBreakup,TotalGlsLatency,AccountForestLatencyBreakup,TotalAccountForestLatency,ResourceForestLatencyBreakup,TotalResourceForestLatency,ADLatency,SharedCacheLatencyBreakup,TotalSharedCacheLatency,ActivityContextLifeTime,ModuleToHandlerSwitchingLatency,ClientReqStreamLatency,BackendReqInitLatency,BackendReqStreamLatency,BackendProcessingLatency,BackendRespInitLatency,BackendRespStreamLatency,ClientRespStreamLatency,KerberosAuthHeaderLatency,HandlerCompletionLatency,RequestHandlerLatency,HandlerToModuleSwitchingLatency,ProxyTime,CoreLatency,RoutingLatency,HttpProxyOverhead,TotalRequestTime,RouteRefresherLatency,UrlQuery,BackEndGenericInfo,GenericInfo,GenericErrors,EdgeTraceId,DatabaseGuid,UserADObjectGuid,PartitionEndpointLookupLatency,RoutingStatus';
    const row = (values: Record<string, string>) =>
      FIELDS.split(',')
        .map((f) => values[f] ?? '')
        .join(',');
    const DIRECTIVES = [
      '#Software: Microsoft Exchange Server',
      '#Version: 15.01.2375.007',
      '#Log-type: HttpProxy Logs',
      '#Date: 2023-01-11T16:00:11.478Z',
      `#Fields: ${FIELDS}`,
    ];
    const ROWS = [
      row({
        DateTime: '2023-01-11T16:06:06.997Z',
        Protocol: 'Eas',
        UrlHost: 'mail.example.com',
        UrlStem: '/Microsoft-Server-ActiveSync/default.eas',
        AuthenticatedUser: 'EXAMPLE\\alice',
        UserAgent: 'Outlook-iOS-Android/1.0',
        ClientIpAddress: '203.0.113.30',
        ServerHostName: 'EXCH01',
        HttpStatus: '403',
        BackEndStatus: '403',
        Method: 'OPTIONS',
        RequestBytes: '0',
        ResponseBytes: '5278',
        TotalRequestTime: '19068',
        UrlQuery: '?Cmd=Options&User=alice',
        GenericErrors: '"WebException=(403) Forbidden, from the back end"',
      }),
      row({
        DateTime: '2023-01-11T16:07:00.120Z',
        Protocol: 'Ecp',
        UrlStem: '/ecp/',
        UserAgent: 'Mozilla/5.0 zgrab/0.x',
        ClientIpAddress: '198.51.100.8',
        HttpStatus: '200',
        Method: 'GET',
        TotalRequestTime: '29',
      }),
    ];

    it('reads HttpProxy logs without flags: directives counted, #Fields naming the columns, status and timings mapped', async () => {
      const report = await analyse([memorySource('HttpProxy_2023011116-1.LOG', [...DIRECTIVES, ...ROWS].join('\r\n'))]);
      expect(report.input).toMatchObject({ lines: 7, records: 2, directives: 5, rejected: 0, formats: { 'csv (exchange)': 2 } });
      expect(report.codes).toEqual({ '403': 1, '200': 1 });
      const [eas] = await records([...DIRECTIVES, ...ROWS].join('\n'));
      expect(eas!.record).toEqual({
        timestamp: Date.UTC(2023, 0, 11, 16, 6, 6, 997),
        'c-ip': '203.0.113.30',
        'cs-username': 'EXAMPLE\\alice',
        'cs-method': 'OPTIONS',
        'cs-uri-stem': '/Microsoft-Server-ActiveSync/default.eas',
        'cs-uri-query': 'Cmd=Options&User=alice',
        'cs-host': 'mail.example.com',
        'cs(User-Agent)': 'Outlook-iOS-Android/1.0',
        'sc-status': 403,
        'sc-bytes': 5278,
        'cs-bytes': 0,
        'time-taken': 19068,
        's-computername': 'EXCH01',
        Protocol: 'Eas',
        BackEndStatus: '403',
      });
    });

    it('takes the header from a plain first line as well, the directives then following it', async () => {
      const report = await analyse([memorySource('HttpProxy.LOG', [FIELDS, ...DIRECTIVES, ...ROWS].join('\n'))]);
      expect(report.input).toMatchObject({ records: 2, directives: 6, rejected: 0, formats: { 'csv (exchange)': 2 } });
    });

    it('leaves Exchange logs of no web requests (message tracking) unread', async () => {
      const tracking = [
        '#Software: Microsoft Exchange Server',
        '#Log-type: Message Tracking Log',
        '#Fields: date-time,client-ip,server-hostname,event-id,recipient-address',
        '2023-01-11T16:00:00.000Z,192.0.2.1,EXCH01,RECEIVE,a@example.com',
      ];
      await expect(analyse([memorySource('MSGTRK.LOG', tracking.join('\n'))])).rejects.toMatchObject({
        code: 'NOT_A_WEB_LOG',
        message: 'MSGTRK.LOG: an Exchange Server Message Tracking Log, which logs no web requests (its HttpProxy and EWS logs do)',
      });
    });
  });
});
