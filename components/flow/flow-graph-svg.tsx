"use client";

import { useMemo, useRef } from "react";
import type { FlowEdge, FlowGraph, FlowNode, FlowStatus } from "@/server/flow/flow-graph";
import { DEFAULT_LAYOUT, layoutFlow, type LayoutOptions } from "@/server/flow/flow-layout";
import { formatCount } from "@/components/lag/format";
import { formatSeconds } from "@/lib/duration";
import { nodeForKey } from "./flow-keys";

// Colours are CSS variables (globals.css) so the graph follows the light and the dark theme.
const STROKE: Record<FlowStatus, string> = {
  ok: "var(--flow-ok)",
  warn: "var(--flow-warn)",
  err: "var(--flow-err)",
  idle: "var(--flow-idle)",
};
const FILL: Record<FlowStatus, string> = {
  ok: "var(--flow-ok-fill)",
  warn: "var(--flow-warn-fill)",
  err: "var(--flow-err-fill)",
  idle: "var(--flow-idle-fill)",
};
const EDGE_COLOUR = { main: "var(--flow-edge)", retry: "var(--flow-edge-retry)", dlq: "var(--flow-edge-dlq)" } as const;
const STATUS_WORD: Record<FlowStatus, string> = { ok: "ok", warn: "warning", err: "failing", idle: "idle" };
const COMPACT: LayoutOptions = { nodeWidth: 120, nodeHeight: 40, columnGap: 36, rowGap: 10, padding: 8 };
const FULL: LayoutOptions = { ...DEFAULT_LAYOUT, nodeWidth: 138, columnGap: 88 };

export const formatRate = (perSecond: number | null) =>
  perSecond === null ? "–/s" : `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)}/s`;

/** Faster dashes for busier edges; calm (no animation) when nothing moves. */
function dashDuration(perSecond: number): string {
  return `${Math.max(0.35, 2.4 - Math.log10(perSecond + 1)).toFixed(2)}s`;
}

type Point = { x: number; y: number; layer: number };

/**
 * Forward edges leave a node's right side for the next one's left side; within a column (into or
 * out of the branch lane) they run bottom to top; backwards (the retry branch) right to left; and
 * an edge along the branch lane that skips a column dips below the node it would cross.
 */
function edgePath(from: Point, to: Point, o: LayoutOptions) {
  const w = o.nodeWidth;
  const h = o.nodeHeight;
  if (from.layer === to.layer) {
    const down = to.y > from.y;
    const x = from.x + w / 2;
    const y1 = down ? from.y + h : from.y;
    const y2 = down ? to.y : to.y + h;
    return { d: `M ${x} ${y1} L ${x} ${y2}`, mid: { x: x + 4, y: (y1 + y2) / 2 } };
  }
  if (to.layer < from.layer) {
    const x1 = from.x;
    const y1 = from.y + h / 2;
    const x2 = to.x + w;
    const y2 = to.y + h / 2;
    const dx = Math.max(30, (x1 - x2) / 2);
    return {
      d: `M ${x1} ${y1} C ${x1 - dx} ${y1}, ${x2 + dx} ${y2}, ${x2} ${y2}`,
      mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 },
    };
  }
  const x1 = from.x + w;
  const y1 = from.y + h / 2;
  const x2 = to.x;
  const y2 = to.y + h / 2;
  if (to.layer - from.layer > 1 && Math.abs(y2 - y1) < 1) {
    const dip = y1 + h * 0.9;
    return {
      d: `M ${x1} ${y1} C ${x1 + 40} ${dip}, ${x2 - 40} ${dip}, ${x2} ${y2}`,
      mid: { x: (x1 + x2) / 2, y: dip - 6 },
    };
  }
  const dx = Math.max(30, (x2 - x1) / 2);
  return {
    d: `M ${x1} ${y1} C ${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}`,
    mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 },
  };
}

function EdgeLabel({ edge, x, y }: { edge: FlowEdge; x: number; y: number }) {
  const lag = edge.lag === undefined ? null : `lag ${formatCount(edge.lag)} · ${formatSeconds(edge.lagSeconds ?? 0)}`;
  const width = Math.max(46, (lag ? lag.length : 6) * 5.6 + 8);
  return (
    <g transform={`translate(${x} ${y})`} pointerEvents="none">
      <rect
        x={-width / 2}
        y={lag ? -15 : -9}
        width={width}
        height={lag ? 28 : 17}
        rx={4}
        fill="var(--flow-label-bg)"
        opacity={0.92}
      />
      <text
        textAnchor="middle"
        y={lag ? -3 : 3}
        fontSize={10.5}
        fontWeight={600}
        fill="var(--flow-text)"
        data-testid="edge-rate"
      >
        {formatRate(edge.perSecond)}
      </text>
      {lag && (
        <text textAnchor="middle" y={9} fontSize={9.5} fill="var(--flow-subtext)">
          {lag}
        </text>
      )}
    </g>
  );
}

function NodeBox({
  node,
  w,
  h,
  compact,
  selected,
}: {
  node: FlowNode;
  w: number;
  h: number;
  compact: boolean;
  selected: boolean;
}) {
  const label = node.label.length > (compact ? 18 : 22) ? `${node.label.slice(0, compact ? 17 : 21)}…` : node.label;
  return (
    <>
      <rect
        className="flow-focus-ring"
        x={-4}
        y={-4}
        width={w + 8}
        height={h + 8}
        rx={11}
        fill="none"
        stroke="var(--flow-focus)"
        strokeWidth={2.5}
        strokeDasharray="5 3"
      />
      <rect
        width={w}
        height={h}
        rx={8}
        fill={FILL[node.status]}
        stroke={selected ? "var(--flow-selected)" : STROKE[node.status]}
        strokeWidth={selected ? 2.5 : 1.5}
      />
      <rect width={5} height={h} rx={2} fill={STROKE[node.status]} />
      <text x={12} y={compact ? 16 : 20} fontSize={compact ? 10.5 : 12} fontWeight={600} fill="var(--flow-text)">
        {label}
      </text>
      <text x={12} y={compact ? 30 : 36} fontSize={compact ? 9.5 : 10.5} fill="var(--flow-subtext)">
        {node.sublabel}
      </text>
      {!compact && node.status !== "ok" && node.status !== "idle" && (
        <text x={12} y={50} fontSize={9.5} fill={STROKE[node.status]}>
          {node.reason.slice(0, 26)}
        </text>
      )}
    </>
  );
}

export function FlowGraphSvg({
  graph,
  compact = false,
  selected,
  onSelect,
}: {
  graph: FlowGraph;
  compact?: boolean;
  selected?: string | null;
  onSelect?: (nodeId: string) => void;
}) {
  const options = compact ? COMPACT : FULL;
  const layout = useMemo(() => layoutFlow(graph.nodes, graph.edges, options), [graph, options]);
  const height = layout.height + options.nodeHeight * 0.5;
  const svgRef = useRef<SVGSVGElement>(null);
  const interactive = Boolean(onSelect);
  const moveFocus = (event: React.KeyboardEvent, nodeId: string) => {
    const nodes = graph.nodes.flatMap((n) => {
      const at = layout.positions.get(n.id);
      return at ? [{ id: n.id, ...at }] : [];
    });
    const target = nodeForKey(nodes, nodeId, event.key);
    if (!target) return;
    event.preventDefault();
    svgRef.current?.querySelector<SVGGElement>(`[data-testid="flow-node-${CSS.escape(target)}"]`)?.focus();
  };
  // Interactive: a labelled group of buttons (Tab or the arrow keys move between nodes). Compact:
  // a picture with a text equivalent, since nothing in it can be operated.
  return (
    <svg
      ref={svgRef}
      role={interactive ? "group" : "img"}
      aria-label={
        interactive
          ? "Data flow graph: nodes in pipeline order; arrow keys move between them, Enter shows details"
          : `Data flow: ${graph.nodes.map((n) => `${n.label} ${STATUS_WORD[n.status]}`).join(", ")}`
      }
      viewBox={`0 0 ${layout.width} ${height}`}
      width="100%"
      style={compact ? undefined : { minWidth: Math.min(layout.width, 1000), maxWidth: layout.width }}
    >
      <style>{`@keyframes flow-dash { to { stroke-dashoffset: -24; } } .flow-moving { animation: flow-dash linear infinite; } @media (prefers-reduced-motion: reduce) { .flow-moving { animation: none; } } .flow-focus-ring { opacity: 0; } .flow-node:focus { outline: none; } .flow-node:focus-visible .flow-focus-ring { opacity: 1; }`}</style>
      <defs>
        {Object.entries(EDGE_COLOUR).map(([kind, colour]) => (
          <marker
            key={kind}
            id={`arrow-${kind}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={colour} />
          </marker>
        ))}
      </defs>
      {graph.edges.map((edge) => {
        const from = layout.positions.get(edge.from);
        const to = layout.positions.get(edge.to);
        if (!from || !to) return null;
        const { d, mid } = edgePath(from, to, options);
        const moving = (edge.perSecond ?? 0) > 0;
        return (
          <g key={edge.id} data-testid={`flow-edge-${edge.id}`} data-rate={edge.perSecond ?? ""} aria-hidden>
            <title>{`${edge.from} → ${edge.to}: ${formatRate(edge.perSecond)}${edge.lag === undefined ? "" : `, lag ${edge.lag} messages (${formatSeconds(edge.lagSeconds ?? 0)})`}`}</title>
            <path
              d={d}
              fill="none"
              stroke={moving ? EDGE_COLOUR[edge.kind] : "var(--flow-edge-idle)"}
              strokeWidth={compact ? 1.2 : 1.6}
              markerEnd={`url(#arrow-${edge.kind})`}
            />
            {moving && (
              <path
                d={d}
                fill="none"
                stroke={EDGE_COLOUR[edge.kind]}
                strokeWidth={compact ? 2 : 2.6}
                strokeDasharray="4 20"
                strokeLinecap="round"
                className="flow-moving"
                style={{ animationDuration: dashDuration(edge.perSecond!) }}
                opacity={0.8}
              />
            )}
            {!compact && <EdgeLabel edge={edge} x={mid.x} y={mid.y} />}
          </g>
        );
      })}
      {graph.nodes.map((node) => {
        const at = layout.positions.get(node.id)!;
        return (
          <g
            key={node.id}
            transform={`translate(${at.x} ${at.y})`}
            data-testid={`flow-node-${node.id}`}
            data-status={node.status}
            onClick={onSelect ? () => onSelect(node.id) : undefined}
            onKeyDown={
              onSelect
                ? (event) => {
                    if (event.key === "Enter" || event.key === " ") {
                      event.preventDefault();
                      onSelect(node.id);
                    } else moveFocus(event, node.id);
                  }
                : undefined
            }
            role={onSelect ? "button" : undefined}
            tabIndex={onSelect ? 0 : undefined}
            aria-label={
              onSelect
                ? `${node.label}, ${node.sublabel}: ${STATUS_WORD[node.status]}${node.status === "ok" ? "" : `, ${node.reason}`}`
                : undefined
            }
            aria-pressed={onSelect ? selected === node.id : undefined}
            className={onSelect ? "flow-node cursor-pointer" : undefined}
          >
            <title>{`${node.label} (${STATUS_WORD[node.status]}): ${node.reason}`}</title>
            <NodeBox
              node={node}
              w={options.nodeWidth}
              h={options.nodeHeight}
              compact={compact}
              selected={selected === node.id}
            />
          </g>
        );
      })}
    </svg>
  );
}
