--[[
  Joins a sale's waiting room, idempotently per user: a user who already has a place gets it back
  (same ticket); a user whose place is gone (skipped as abandoned, left, or admitted and expired or
  finished) joins again at the back. Before opening, joins go to the pre-queue, ordered by the
  committed shuffle at opening; later arrivals take tickets P+1, P+2, ... (P = pre-queue size) in
  arrival order.

  KEYS[1] queue state  KEYS[2] ticket counter  KEYS[3] tickets  KEYS[4] order  KEYS[5] seen
  KEYS[6] pre-queue    KEYS[7] admitted     KEYS[8] joined (userId -> ms the place was taken; the
  scheduler reads and deletes it at admission, for the join-to-admission time)
  ARGV[1] userId  ARGV[2] opensAt ms (0 = no pre-queue)
  ARGV[3] preQueueOpensAt ms (0 = none: the waiting room is open from the start)
  ARGV[4] maxWaiting (0 = no cap): a new place is refused while this many wait (pre-queue included)

  Returns { state, ticket, position, admittedUntilMs, closed, frontier, measured rate (text), fresh }
    state 1 waiting, 2 admitted (live), 3 pre-queued (ticket 0 until opening)
    fresh 1 when this call took a new place
  or { -23 } before preQueueOpensAt, { -24 } the waiting room is full; both change nothing
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local user = ARGV[1]
local opensAt = tonumber(ARGV[2])
if now < tonumber(ARGV[3] or '0') then return { -23 } end
local maxWaiting = tonumber(ARGV[4] or '0')
local st = redis.call('HMGET', KEYS[1], 'frontier', 'sealed', 'closed', 'rate')
local frontier = tonumber(st[1] or '0')
local closed = tonumber(st[3] or '0')
local rate = st[4] or '0'
-- Until the pre-queue is sealed its members hold tickets 1..P without being in the order yet.
local ahead = 0
if opensAt > 0 and st[2] ~= '1' then ahead = redis.call('SCARD', KEYS[6]) end

local ticket = redis.call('HGET', KEYS[3], user)
if ticket then
  ticket = tonumber(ticket)
  if ticket > frontier then
    -- Out of the order while ahead of the frontier: the buyer left, and joins again at the back.
    local rank = redis.call('ZRANK', KEYS[4], user)
    if rank then
      redis.call('ZADD', KEYS[5], now, user)
      return { 1, ticket, rank + 1 + ahead, 0, closed, frontier, rate, 0 }
    end
  else
    local untilMs = tonumber(redis.call('HGET', KEYS[7], user) or '0')
    if untilMs > now then
      redis.call('ZADD', KEYS[5], now, user)
      return { 2, ticket, 0, untilMs, closed, frontier, rate, 0 }
    end
  end
elseif redis.call('SISMEMBER', KEYS[6], user) == 1 then
  redis.call('ZADD', KEYS[5], now, user)
  return { 3, 0, 0, 0, closed, frontier, rate, 0 }
end

-- A new place. Places already held are kept whatever the cap; only a new one is refused.
if maxWaiting > 0 then
  local waiting = redis.call('ZCARD', KEYS[4])
  if opensAt > 0 and st[2] ~= '1' then waiting = waiting + redis.call('SCARD', KEYS[6]) end
  if waiting >= maxWaiting then return { -24 } end
end
redis.call('ZADD', KEYS[5], now, user)

if opensAt > now then
  redis.call('SADD', KEYS[6], user)
  redis.call('HSET', KEYS[8], user, now)
  return { 3, 0, 0, 0, closed, frontier, rate, 1 }
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  local base = 0
  if opensAt > 0 then base = redis.call('SCARD', KEYS[6]) end
  redis.call('SET', KEYS[2], base)
end
ticket = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], user, ticket)
redis.call('HDEL', KEYS[7], user)
redis.call('ZADD', KEYS[4], ticket, user)
redis.call('HSET', KEYS[8], user, now)
local rank = redis.call('ZRANK', KEYS[4], user)
return { 1, ticket, rank + 1 + ahead, 0, closed, frontier, rate, 1 }
