--[[
  Where one user stands in a sale's waiting room; a poll is also a sign of life.

  KEYS[1] queue state  KEYS[2] tickets  KEYS[3] order  KEYS[4] pre-queue  KEYS[5] admitted  KEYS[6] seen
  ARGV[1] userId  ARGV[2] opensAt ms (0 = no pre-queue)  ARGV[3] 1 to record a sign of life

  Returns { state, ticket, position, admittedUntilMs, closed, frontier, measured rate (text) }
    state 0 not in the queue, 1 waiting, 2 admitted (live), 3 pre-queued, 4 place lost (skipped, left,
    or admission expired or finished)
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local user = ARGV[1]
local st = redis.call('HMGET', KEYS[1], 'frontier', 'closed', 'sealed', 'rate')
local frontier = tonumber(st[1] or '0')
local closed = tonumber(st[2] or '0')
local rate = st[4] or '0'
local ticket = redis.call('HGET', KEYS[2], user)
if not ticket then
  if redis.call('SISMEMBER', KEYS[4], user) == 1 then
    if ARGV[3] == '1' then redis.call('ZADD', KEYS[6], now, user) end
    return { 3, 0, 0, 0, closed, frontier, rate }
  end
  return { 0 }
end
ticket = tonumber(ticket)
if ticket > frontier then
  local rank = redis.call('ZRANK', KEYS[3], user)
  -- A ticket ahead of the frontier but out of the order was given up (the buyer left).
  if not rank then return { 4, ticket, 0, 0, closed, frontier, rate } end
  if ARGV[3] == '1' then redis.call('ZADD', KEYS[6], now, user) end
  local ahead = 0
  if tonumber(ARGV[2]) > 0 and st[3] ~= '1' then ahead = redis.call('SCARD', KEYS[4]) end
  return { 1, ticket, rank + 1 + ahead, 0, closed, frontier, rate }
end
local untilMs = tonumber(redis.call('HGET', KEYS[5], user) or '0')
if untilMs > now then return { 2, ticket, 0, untilMs, closed, frontier, rate } end
return { 4, ticket, 0, untilMs, closed, frontier, rate }
