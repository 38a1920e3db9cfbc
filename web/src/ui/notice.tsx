import type { ComponentChildren } from 'preact'

export type Tone = 'info' | 'success' | 'warning' | 'error'

/**
 * A message box. Errors interrupt screen readers (role=alert); the rest are read when idle
 * (role=status), so a position update never talks over the buyer.
 */
export function Notice(props: { tone: Tone; children: ComponentChildren; testId?: string }) {
  return (
    <div
      class={`notice notice-${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      {props.children}
    </div>
  )
}
