--[[
  Compensation: the hand-off of a confirmed hold to the pipeline failed, so PENDING -> HELD again
  with its old expiry (the sweeper releases it if that has passed). If the confirm ended the
  buyer's admission, the admission comes back too while it would still be live. A hold of several
  seats (hold-seats) goes back as a whole: every unit of its group, one ledger entry each.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] ledger
  KEYS[6] active  KEYS[7] queue admitted  KEYS[8] queue state
  ARGV[1] holdId

  Returns { 1 } reverted, { 2 } nothing to revert; -1 not warm, -11 not pending
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then return { 2 } end
local unit = cjson.decode(raw)
if unit.st ~= 'pending' then return { -11 } end

unit.st = 'held'
unit.r = ''
if unit.a then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  if unit.a > now then
    redis.call('ZADD', KEYS[6], unit.a, unit.u)
    redis.call('HSET', KEYS[7], unit.u, unit.a)
  end
  redis.call('HINCRBY', KEYS[8], 'finished', -1)
  unit.a = nil
end
local n = 0
for i, id in ipairs(unit.m or { ARGV[1] }) do
  local u = unit
  if i > 1 then
    u = cjson.decode(redis.call('HGET', KEYS[3], id))
    u.st = 'held'
    u.r = ''
  end
  redis.call('HSET', KEYS[3], id, cjson.encode(u))
  redis.call('HSET', KEYS[2], u.s, 'H' .. id)
  redis.call('ZADD', KEYS[4], u.x, id)
  redis.call('XADD', KEYS[5], '*', 'k', 'revert', 'u', id, 's', u.s, 'usr', u.u, 'd', 0, 'st', 'held', 'x', u.x, 'r', '')
  n = n + 1
end
redis.call('HINCRBY', KEYS[1], 'pending', -n)
redis.call('HINCRBY', KEYS[1], 'held', n)
return { 1 }
