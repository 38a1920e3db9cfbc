--[[
  Safety-net mode: lets an arrival straight through (admitted at once, with a ticket of its own)
  while nobody waits and the sale is under its limits; otherwise changes nothing and the caller
  joins the queue (join-queue). One script, so a burst never admits past maxActive: the check of
  the live admissions and the admission are one step. The queue forms when an arrival finds the
  limits reached (it takes a place), and dissolves by itself: once the admission ticks have
  drained it and the live admissions are under maxActive again, the next arrival passes.

  KEYS[1] queue state  KEYS[2] ticket counter  KEYS[3] tickets  KEYS[4] order  KEYS[5] admitted
  KEYS[6] meta  KEYS[7] active  KEYS[8] users  KEYS[9] at limit  KEYS[10] seen
  ARGV[1] userId  ARGV[2] opensAt ms (0 = none)  ARGV[3] maxActive  ARGV[4] passes per second (the
  admission rate)  ARGV[5] access TTL ms  ARGV[6] paused (1/0)

  Returns { 2, ticket, 0, admittedUntilMs, 0, frontier, measured rate (text), 1 } let through
  (join-queue's reply for a fresh admission), or { 0 } not let through: nothing changed.
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local user = ARGV[1]
local opensAt = tonumber(ARGV[2])
if ARGV[6] == '1' then return { 0 } end
local meta = redis.call('HMGET', KEYS[6], 'warm', 'status', 'available', 'limit')
if meta[1] ~= '1' or meta[2] ~= 'open' or tonumber(meta[3] or '0') <= 0 then return { 0 } end
local st = redis.call('HMGET', KEYS[1], 'frontier', 'sealed', 'closed', 'rate', 'passSec', 'passCount')
if st[3] == '1' then return { 0 } end
-- Before the opening, and until the pre-queue has its tickets, arrivals line up.
if opensAt > 0 and (now < opensAt or st[2] ~= '1') then return { 0 } end
-- Someone waits: first come, first served, behind them.
if redis.call('ZCARD', KEYS[4]) > 0 then return { 0 } end
-- A live admission is answered by join-queue (the same one back).
if tonumber(redis.call('HGET', KEYS[5], user) or '0') > now then return { 0 } end
if redis.call('ZCOUNT', KEYS[7], string.format('(%d', now), '+inf') >= tonumber(ARGV[3]) then return { 0 } end
local sec = math.floor(now / 1000)
local passed = 0
if tonumber(st[5] or '-1') == sec then passed = tonumber(st[6] or '0') end
if passed >= tonumber(ARGV[4]) then return { 0 } end

local ticket = redis.call('INCR', KEYS[2])
local untilMs = now + tonumber(ARGV[5])
redis.call('HSET', KEYS[3], user, ticket)
redis.call('HSET', KEYS[5], user, untilMs)
redis.call('ZADD', KEYS[7], untilMs, user)
redis.call('ZREM', KEYS[10], user)
-- Already at the per-user limit (units from an earlier admission): finished at the next scarce tick.
if tonumber(redis.call('HGET', KEYS[8], user) or '0') >= tonumber(meta[4] or '1') then
  redis.call('SADD', KEYS[9], user)
end
redis.call('HSET', KEYS[1], 'frontier', ticket, 'passSec', sec, 'passCount', passed + 1)
redis.call('HINCRBY', KEYS[1], 'admittedTotal', 1)
redis.call('HINCRBY', KEYS[1], 'passedTotal', 1)
return { 2, ticket, 0, untilMs, 0, ticket, st[4] or '0', 1 }
