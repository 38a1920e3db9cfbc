import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'

export interface SeriesSpec {
  label: string
  color: string
  /** Right-hand axis (for a second unit). */
  right?: boolean
}

interface Props {
  title: string
  series: SeriesSpec[]
  /** [times (s), ...one array per series]; nulls are gaps. */
  data: (number | null)[][]
  rightUnit?: string
}

const HEIGHT = 180

/**
 * A live uPlot chart. The plot is made once and fed with `setData`; its width follows the
 * container. The figure carries a text summary of the latest values for screen readers.
 */
export function Chart(props: Props) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)

  useEffect(() => {
    const el = box.current
    if (!el) return
    const hasRight = props.series.some((s) => s.right)
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: '#475569', grid: { stroke: '#e2e8f0' } },
        { stroke: '#475569', grid: { stroke: '#e2e8f0' }, size: 50 },
        ...(hasRight
          ? [
              {
                scale: 'r',
                side: 1,
                stroke: '#475569',
                grid: { show: false },
                size: 50,
                ...(props.rightUnit ? { label: props.rightUnit } : {})
              }
            ]
          : [])
      ],
      series: [
        {},
        ...props.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          spanGaps: false,
          ...(s.right ? { scale: 'r' } : {})
        }))
      ]
    }
    if (hasRight)
      opts.scales = { ...opts.scales, r: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } }
    const u = new uPlot(opts, props.data as uPlot.AlignedData, el)
    plot.current = u
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }))
    ro.observe(el)
    return () => {
      ro.disconnect()
      u.destroy()
      plot.current = null
    }
  }, [props.series.map((s) => s.label).join('|')])

  useEffect(() => {
    plot.current?.setData(props.data as uPlot.AlignedData)
  }, [props.data])

  const latest = props.series
    .map((s, i) => {
      const col = props.data[i + 1]
      const v = col?.[col.length - 1]
      return `${s.label}: ${v === null || v === undefined ? '—' : Math.round(v * 100) / 100}`
    })
    .join(', ')
  return (
    <figure class="chart card" data-points={props.data[0]?.length ?? 0}>
      <figcaption>{props.title}</figcaption>
      <div ref={box} class="chart-box" aria-hidden="true" />
      <p class="sr-only">{latest}</p>
    </figure>
  )
}
