import { histogramBuckets, maxOf, parseFloatGo, parsePrometheusText, sumOf } from './prom-text';

const TEXT = `# HELP iotp_messages_total Inbound IOTP messages by trading block and answer kind
# TYPE iotp_messages_total counter
iotp_messages_total{block="payment",answer="exchange"} 12
iotp_messages_total{block="payment",answer="error"} 3
# HELP iotp_message_duration_seconds Time from request body received to answer ready
# TYPE iotp_message_duration_seconds histogram
iotp_message_duration_seconds_bucket{le="0.01",block="payment"} 2
iotp_message_duration_seconds_bucket{le="0.1",block="payment"} 8
iotp_message_duration_seconds_bucket{le="+Inf",block="payment"} 10
iotp_message_duration_seconds_sum{block="payment"} 0.9
iotp_message_duration_seconds_count{block="payment"} 10
iotp_message_duration_seconds_bucket{le="0.01",block="status"} 1
iotp_message_duration_seconds_bucket{le="0.1",block="status"} 1
iotp_message_duration_seconds_bucket{le="+Inf",block="status"} 1
# TYPE projection_lag_events gauge
projection_lag_events{projection="read-models"} 4
projection_lag_events{projection="other"} 9
# a comment line
process_resident_memory_bytes 1.23e+08 1700000000000
`;

describe('parsePrometheusText', () => {
  it('reads families with their type, help, labels, values and timestamps', () => {
    const e = parsePrometheusText(TEXT);
    expect(e.errors).toEqual([]);
    const counter = e.families.get('iotp_messages_total')!;
    expect(counter.type).toBe('counter');
    expect(counter.help).toBe('Inbound IOTP messages by trading block and answer kind');
    expect(counter.samples[0]).toEqual({
      name: 'iotp_messages_total',
      labels: { block: 'payment', answer: 'exchange' },
      value: 12,
    });
    const hist = e.families.get('iotp_message_duration_seconds')!;
    expect(hist.type).toBe('histogram');
    expect(hist.samples).toHaveLength(8); // _bucket, _sum and _count belong to the family
    expect(e.families.get('process_resident_memory_bytes')!.samples[0]).toEqual({
      name: 'process_resident_memory_bytes',
      labels: {},
      value: 123_000_000,
      timestampMs: 1_700_000_000_000,
    });
    expect(e.families.get('process_resident_memory_bytes')!.type).toBe('untyped');
  });

  it('unescapes label values and help text; tolerates spaces, CRLF and trailing commas', () => {
    const e = parsePrometheusText(
      '# HELP m a\\\\b\\nc\r\n# TYPE m gauge\r\nm{ path="C:\\\\x" , q="say \\"hi\\"\\n", } 1\r\n',
    );
    expect(e.errors).toEqual([]);
    const m = e.families.get('m')!;
    expect(m.help).toBe('a\\b\nc');
    expect(m.samples[0]!.labels).toEqual({ path: 'C:\\x', q: 'say "hi"\n' });
  });

  it('reads NaN and infinities; a _count without a histogram TYPE is a family of its own', () => {
    const e = parsePrometheusText('a NaN\nb +Inf\nc -Inf\nd_count 3\n');
    expect(e.families.get('a')!.samples[0]!.value).toBeNaN();
    expect(e.families.get('b')!.samples[0]!.value).toBe(Infinity);
    expect(e.families.get('c')!.samples[0]!.value).toBe(-Infinity);
    expect(e.families.get('d_count')!.samples[0]!.value).toBe(3);
  });

  it('reports bad lines with their number and keeps the good ones', () => {
    const e = parsePrometheusText(
      [
        'good 1',
        'no_value',
        'bad_value abc',
        'unterminated{a="x} 1',
        'unquoted{a=x} 1',
        'repeated{a="1",a="2"} 1',
        'bad_escape{a="\\t"} 1',
        'bad_ts 1 12.5',
        '# TYPE t nonsense',
        '{a="1"} 2',
        'also_good{x="1"} 2',
      ].join('\n'),
    );
    expect(e.errors).toEqual([
      'line 2: expected a value',
      'line 3: bad value "abc"',
      'line 4: unterminated value of label a',
      'line 5: label a is not quoted',
      'line 6: label a repeated',
      'line 7: bad escape in label a',
      'line 8: bad timestamp',
      'line 9: unknown type "nonsense"',
      'line 10: no metric name',
    ]);
    expect([...e.families.keys()]).toEqual(expect.arrayContaining(['good', 'also_good']));
  });
});

describe('reading figures out of an exposition', () => {
  const e = parsePrometheusText(TEXT);
  it('sums counters over label sets, takes the largest gauge, absent is undefined', () => {
    expect(sumOf(e, 'iotp_messages_total')).toBe(15);
    expect(maxOf(e, 'projection_lag_events')).toBe(9);
    expect(sumOf(e, 'payment_api_calls_total')).toBeUndefined();
    // declared but not yet incremented (prom-client prints HELP/TYPE only): 0, so a rate can start from it
    expect(sumOf(parsePrometheusText('# TYPE c counter\n'), 'c')).toBe(0);
    expect(maxOf(e, 'nothing')).toBeUndefined();
  });

  it('adds histogram buckets over every label set but le, ascending', () => {
    expect(histogramBuckets(e, 'iotp_message_duration_seconds')).toEqual([
      [0.01, 3],
      [0.1, 9],
      [Infinity, 11],
    ]);
    expect(histogramBuckets(e, 'absent')).toEqual([]);
  });

  it('parses Go floats strictly', () => {
    expect(parseFloatGo('1.5e-3')).toBe(0.0015);
    expect(parseFloatGo('-2')).toBe(-2);
    expect(parseFloatGo('.5')).toBe(0.5);
    expect(() => parseFloatGo('1,5')).toThrow(/bad value/);
    expect(() => parseFloatGo('')).toThrow(/bad value/);
  });
});
