/** Summaries and number formats shared by the bench's sections. */

export const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export const spread = (values: number[]): Spread => ({
  min: values.length > 0 ? Math.min(...values) : Number.NaN,
  median: median(values),
  max: values.length > 0 ? Math.max(...values) : Number.NaN,
});

/** Rounded for results.json: enough digits to compare runs, no float noise. */
export const round = (value: number, digits = 2): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export const int = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';

export const ms = (value: number): string => {
  if (!Number.isFinite(value)) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)} s`;
  return `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
};

export const bytes = (value: number): string => {
  if (!Number.isFinite(value)) return '–';
  if (value < 0) return `−${bytes(-value)}`;
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(2)} MB`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)} kB`;
  return `${Math.round(value)} B`;
};

export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = header.map(
    (_, column) => rows.length > 0 && rows.every((row) => /^[\d.,–× ]*(ms|s|kB|MB|B|×)?$/.test(row[column] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
};
