--[[
  Compensation: the hand-off of an accepted claim failed, so the unit returns to stock as if the
  claim never happened. If the claim ended the buyer's admission (it reached the per-user limit),
  the admission comes back too while it would still be live, so the buyer can retry.

  KEYS[1] meta  KEYS[2] units  KEYS[3] users  KEYS[4] ledger
  KEYS[5] active  KEYS[6] queue admitted  KEYS[7] queue state
  ARGV[1] claimId

  Returns { 1 } reverted, { 2 } nothing to revert; -1 not warm, -11 not pending
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return { 2 } end
local unit = cjson.decode(raw)
if unit.st ~= 'pending' then return { -11 } end

redis.call('HDEL', KEYS[2], ARGV[1])
if unit.a then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  if unit.a > now then
    redis.call('ZADD', KEYS[5], unit.a, unit.u)
    redis.call('HSET', KEYS[6], unit.u, unit.a)
  end
  redis.call('HINCRBY', KEYS[7], 'finished', -1)
end
if redis.call('HINCRBY', KEYS[3], unit.u, -1) <= 0 then redis.call('HDEL', KEYS[3], unit.u) end
redis.call('HINCRBY', KEYS[1], 'available', 1)
redis.call('HINCRBY', KEYS[1], 'pending', -1)
redis.call('XADD', KEYS[4], '*', 'k', 'revert', 'u', ARGV[1], 's', '', 'usr', unit.u, 'd', 1, 'st', 'released', 'x', 0, 'r', '')
return { 1 }
