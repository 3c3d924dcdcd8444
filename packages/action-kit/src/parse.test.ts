import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, parseBoolean, parseDuration, parseList, parseSize } from './parse.ts';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['60', 60_000],
    [' 2S ', 2000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['banana', '', '5 minutes', 's', '10x', '-5s', '1m 30s'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('parseSize', () => {
  it.each([
    ['512', 512],
    ['10MB', 10_000_000],
    ['64KiB', 65_536],
    ['1G', 1024 ** 3],
    ['1.5 kb', 1500],
  ])('%s is %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['ten', '5 parsecs', '', 'MB'])('rejects %j', (text) => expect(parseSize(text)).toBeUndefined());
});

describe('parseBoolean', () => {
  it('accepts exactly the YAML 1.2 core schema booleans', () => {
    for (const t of ['true', 'True', 'TRUE']) expect(parseBoolean(t)).toBe(true);
    for (const f of ['false', 'False', 'FALSE']) expect(parseBoolean(f)).toBe(false);
    for (const other of ['yes', 'no', 'on', '1', '0', 'tRUE', '']) expect(parseBoolean(other)).toBeUndefined();
  });
});

describe('parseList', () => {
  it('splits on commas and newlines, trims and drops empties', () => {
    expect(parseList('a, b\n c,,\n\nd ')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseList('  ')).toEqual([]);
  });
});

describe('formatting', () => {
  it('formats durations for people', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(4200)).toBe('4.20s');
    expect(formatDuration(42_000)).toBe('42.0s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });
  it('formats bytes with binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(20.25 * 1024 * 1024)).toBe('20.3 MiB');
  });
});
