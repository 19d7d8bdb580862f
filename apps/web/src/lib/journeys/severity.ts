/** A colour per severity (1 minor to 5 critical): the stripe and badge of a pain point card, and its tint. */
export const SEVERITY_COLORS: Record<number, { fg: string; bg: string }> = {
  1: { fg: '#4d7c0f', bg: '#f0f7e4' },
  2: { fg: '#a16207', bg: '#fdf6dc' },
  3: { fg: '#c2410c', bg: '#fff0e3' },
  4: { fg: '#dc2626', bg: '#feebe9' },
  5: { fg: '#991b1b', bg: '#fbdcdc' },
};

export const severityColor = (severity: number) => SEVERITY_COLORS[severity] ?? SEVERITY_COLORS[3]!;

/** Colours of a KPI's status (the board's vocabulary), with fallbacks when the board's tokens are absent. */
export const KPI_STATUS_COLORS: Record<string, string> = {
  'on-track': 'var(--status-on-track, #1e7d4f)',
  'at-risk': 'var(--status-at-risk, #b26a00)',
  'off-track': 'var(--status-off-track, #c0392b)',
  'no-data': 'var(--text-3)',
  'no-target': 'var(--text-3)',
};
