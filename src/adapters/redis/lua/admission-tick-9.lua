--[[
  One admission tick of one sale, run only by the holder of the scheduler lease (checked here, so a
  paused holder that lost its lease can never admit). Admits
  min(credit from rate x elapsed, maxActive - active, available units - buyers admitted within the
  grace period who have no unit yet) users strictly in ticket order, skipping those silent past the
  grace period, advances the frontier and publishes it. Expired admissions, and (when slots or
  stock are scarce) admitted buyers at the per-user limit, free their slot here. The queue is
  closed while nothing is available or held, and reopens at the first tick after a unit returns.
  The work of one tick follows what changed, not the number of admitted buyers: it reads the
  buyers marked at the limit (KEYS[9]) and the admissions of the last grace period, never the
  whole active set.

  KEYS[1] meta  KEYS[2] active  KEYS[3] users  KEYS[4] queue state  KEYS[5] order  KEYS[6] seen
  KEYS[7] admitted  KEYS[8] scheduler lease  KEYS[9] at limit
  ARGV[1] lease owner  ARGV[2] rate per s  ARGV[3] maxActive  ARGV[4] access TTL ms  ARGV[5] grace ms
  ARGV[6] paused (1/0)  ARGV[7] opensAt ms (0 = none)  ARGV[8] tick ms  ARGV[9] feed channel
  ARGV[10] most waiting entries looked at in this tick (and most marked buyers finished)

  Returns
    { 1, feed message JSON, admitted count, skipped count, admitted userId... }
    -1 not warm, -20 lease not held, -21 the pre-queue must be sealed first
]]
if redis.call('GET', KEYS[8]) ~= ARGV[1] then return { -20 } end
local meta = redis.call('HMGET', KEYS[1], 'warm', 'status', 'available', 'held', 'limit')
if meta[1] ~= '1' then return { -1 } end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local st = redis.call('HMGET', KEYS[4], 'frontier', 'sealed', 'rate', 'carry', 'lastTick', 'admittedTotal')
local opensAt = tonumber(ARGV[7])
if opensAt > 0 and now >= opensAt and st[2] ~= '1' then return { -21 } end
local frontier = tonumber(st[1] or '0')
local rate = tonumber(st[3] or '0')
local carry = tonumber(st[4] or '0')
local last = tonumber(st[5] or '0')
local tickMs = tonumber(ARGV[8])
-- Credit follows the time actually elapsed, capped so a failover gap does not turn into a burst.
local elapsed = tickMs
if last > 0 then elapsed = math.min(math.max(now - last, 1), 2 * tickMs) end

-- Expired sessions free their slot; dropping them keeps the active set as small as the live part.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local active = redis.call('ZCARD', KEYS[2])
-- Closed (sold out for now) only when nothing is left that could still be sold: held units may
-- still expire and return. Admission itself follows the units available now: while every unit is
-- held, nobody is let in to find nothing, and a unit that comes back is offered at the next tick.
local available = tonumber(meta[3] or '0')
local sellable = available + tonumber(meta[4] or '0')
local closed = meta[2] == 'closed' or sellable <= 0
local credit = carry + tonumber(ARGV[2]) * elapsed / 1000
local budget = tonumber(ARGV[10])
local limit = tonumber(meta[5] or '1')
local n = 0
if not closed and meta[2] == 'open' and ARGV[6] ~= '1' and now >= opensAt then
  n = math.floor(credit)
  local maxActive = tonumber(ARGV[3])
  if n > 0 and (active + n > maxActive or active + n > available) then
    -- Slots or stock are scarce. A buyer at the per-user limit (reached with a hold, which is the
    -- one way there that does not end the session at once; hold-seat marks them) has finished:
    -- paying, extending or releasing needs no live admission, so the admission ends and frees the
    -- slot. One without a unit may still take stock, so stock is reserved for them, but only for
    -- the grace period after their admission: one who has taken nothing by then (or whose holds
    -- expired) keeps the access until it expires, yet stock that comes back goes to the queue
    -- instead of waiting for them.
    local finished = 0
    local marked = redis.call('SPOP', KEYS[9], budget)
    for _, u in ipairs(marked) do
      -- Still at the limit (a hold may have expired since) and still admitted.
      if tonumber(redis.call('HGET', KEYS[3], u) or '0') >= limit and redis.call('ZREM', KEYS[2], u) == 1 then
        if tonumber(redis.call('HGET', KEYS[7], u) or '0') > now then redis.call('HSET', KEYS[7], u, now) end
        finished = finished + 1
      end
    end
    -- The score is the access expiry, so "admitted within the grace period" is a score above
    -- this: only that end of the set is read, not every admitted buyer.
    local reservedAbove = math.max(now, now + tonumber(ARGV[4]) - tonumber(ARGV[5]))
    local recent = redis.call('ZRANGE', KEYS[2], string.format('(%d', reservedAbove), '+inf', 'BYSCORE')
    local notBuying = 0
    for from = 1, #recent, 500 do
      local counts = redis.call('HMGET', KEYS[3], unpack(recent, from, math.min(from + 499, #recent)))
      for j = 1, #counts do
        if tonumber(counts[j] or '0') == 0 then notBuying = notBuying + 1 end
      end
    end
    active = active - finished
    if finished > 0 then redis.call('HINCRBY', KEYS[4], 'finished', finished) end
    n = math.min(n, maxActive - active, available - notBuying)
  end
  if n < 0 then n = 0 end
end

local admitted = {}
local skipped = 0
local cutoff = now - tonumber(ARGV[5])
local untilMs = now + tonumber(ARGV[4])
while #admitted < n and budget > 0 do
  local batch = redis.call('ZRANGE', KEYS[5], 0, math.min(n - #admitted, budget) - 1, 'WITHSCORES')
  if #batch == 0 then break end
  for i = 1, #batch, 2 do
    local u = batch[i]
    budget = budget - 1
    frontier = tonumber(batch[i + 1])
    redis.call('ZREM', KEYS[5], u)
    local seen = tonumber(redis.call('ZSCORE', KEYS[6], u) or '0')
    redis.call('ZREM', KEYS[6], u)
    if seen < cutoff then
      skipped = skipped + 1
    else
      redis.call('ZADD', KEYS[2], untilMs, u)
      redis.call('HSET', KEYS[7], u, untilMs)
      -- Back in line with units from an earlier admission that already reach the limit.
      if tonumber(redis.call('HGET', KEYS[3], u) or '0') >= limit then redis.call('SADD', KEYS[9], u) end
      admitted[#admitted + 1] = u
    end
  end
end

local count = #admitted
-- Unused credit is not banked beyond a fraction: a paused or full room must not burst later.
local left = credit - count
if left >= 1 or count < n then left = credit - math.floor(credit) end
local inst = count * 1000 / elapsed
if rate == 0 then rate = inst else rate = 0.8 * rate + 0.2 * inst end
local total = tonumber(st[6] or '0') + count
local c = 0
if closed then c = 1 end
redis.call('HSET', KEYS[4], 'frontier', frontier, 'closed', c, 'rate', tostring(rate), 'carry', tostring(left),
  'lastTick', now, 'admittedTotal', total)
if skipped > 0 then redis.call('HINCRBY', KEYS[4], 'abandoned', skipped) end
local msg = cjson.encode({
  f = frontier, c = c, r = rate, cr = tonumber(ARGV[2]), w = redis.call('ZCARD', KEYS[5]), a = total, t = now
})
redis.call('PUBLISH', ARGV[9], msg)
local reply = { 1, msg, count, skipped }
for i = 1, count do reply[4 + i] = admitted[i] end
return reply
