/**
 * Chart colours as CSS variables (set in globals.css for the light and the dark theme), so a chart
 * follows a theme switch without re-rendering. Recharts passes these through as SVG attributes.
 */
export const chartGrid = { strokeDasharray: "3 3", stroke: "var(--chart-grid)" } as const;

export const chartAxis = {
  stroke: "var(--chart-axis-line)",
  tick: { fill: "var(--chart-axis)", fontSize: 11 },
} as const;

export const chartTooltip = {
  contentStyle: {
    background: "var(--chart-tooltip-bg)",
    border: "1px solid var(--chart-tooltip-border)",
    borderRadius: 6,
    color: "var(--chart-tooltip-fg)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--chart-tooltip-fg)", fontWeight: 600 },
  itemStyle: { color: "var(--chart-tooltip-fg)" },
  cursor: { fill: "var(--chart-cursor)", stroke: "var(--chart-axis-line)" },
} as const;

export const chartLegend = { wrapperStyle: { fontSize: 12, color: "var(--chart-axis)" } } as const;

/** Series colours that keep their contrast on either background. */
export const SERIES = {
  primary: "var(--chart-primary)",
  primaryFill: "var(--chart-primary-fill)",
  muted: "var(--chart-muted)",
  mutedFill: "var(--chart-muted-fill)",
  lag: "var(--chart-lag)",
  mark: "var(--chart-mark)",
} as const;
