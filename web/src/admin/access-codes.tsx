import { useEffect, useState } from 'preact/hooks'
import type { CodeUsageResponse } from '../../../src/http/api-types.ts'
import { api, call, describe } from '../api/client.ts'
import { num } from '../format.ts'
import { useInterval } from '../hooks.ts'
import { useT } from '../i18n/index.ts'
import { Notice } from '../ui/notice.tsx'

/**
 * The sale's presale and VIP codes: how many were generated and redeemed, per batch. Shown only
 * when the sale has codes; refreshed every few seconds while the page is open.
 */
export function AccessCodes(props: { saleId: string; token: string }) {
  const [usage, setUsage] = useState<CodeUsageResponse | null>(null)
  const [error, setError] = useState<string | null>(null)
  const t = useT().access

  const load = async () => {
    try {
      const u = await call(
        (init) =>
          api.GET('/v1/admin/events/{id}/access/codes', { params: { path: { id: props.saleId } }, ...init }),
        { token: props.token }
      )
      setUsage(u)
      setError(null)
    } catch (err) {
      setError(describe(err))
    }
  }
  useEffect(() => {
    void load()
  }, [props.saleId, props.token])
  useInterval(() => void load(), 5000)

  if (error) return <Notice tone="warning">{error}</Notice>
  if (!usage || usage.total === 0) return null
  return (
    <section class="card" aria-labelledby="codes-title" data-testid="code-usage">
      <h2 id="codes-title">{t.title}</h2>
      <p data-testid="code-usage-summary">{t.summary(num(usage.redeemed), num(usage.total))}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.kind}</th>
            <th scope="col">{t.codes}</th>
            <th scope="col">{t.uses}</th>
            <th scope="col">{t.usedUp}</th>
          </tr>
        </thead>
        <tbody>
          {usage.batches.map((b) => (
            <tr key={b.batchId}>
              <td>{b.kind === 'vip' ? t.vip : t.presale}</td>
              <td>{num(b.codes)}</td>
              <td>{`${num(b.uses)} / ${num(b.codes * b.maxUses)}`}</td>
              <td>{num(b.usedUp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
