--[[
  The sweeper: releases holds whose TTL has passed, oldest first, at most ARGV[1] per call. Safe to
  run from several processes at once: each hold is released by exactly one call.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] users  KEYS[6] ledger
  ARGV[1] most holds to release

  Returns { released }; -1 not warm
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
local released = 0
for _, holdId in ipairs(due) do
  redis.call('ZREM', KEYS[4], holdId)
  local raw = redis.call('HGET', KEYS[3], holdId)
  if raw then
    local unit = cjson.decode(raw)
    if unit.st == 'held' and unit.x <= now then
      redis.call('HSET', KEYS[2], unit.s, 'A')
      redis.call('HDEL', KEYS[3], holdId)
      if redis.call('HINCRBY', KEYS[5], unit.u, -1) <= 0 then redis.call('HDEL', KEYS[5], unit.u) end
      redis.call('HINCRBY', KEYS[1], 'available', 1)
      redis.call('HINCRBY', KEYS[1], 'held', -1)
      redis.call('XADD', KEYS[6], '*', 'k', 'expire', 'u', holdId, 's', unit.s, 'usr', unit.u, 'd', 1, 'st', 'expired', 'x', unit.x, 'r', '')
      released = released + 1
    end
  end
end
return { released }
