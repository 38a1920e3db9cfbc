--[[
  The pipeline could not book a pending unit (payment declined or timed out, final failure):
  PENDING -> released, stock returned. Replays are no-ops.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] users  KEYS[5] ledger
  ARGV[1] unitId (hold or claim id)  ARGV[2] reason

  Returns { 1 } released, { 2 } already gone; -1 not warm, -11 not pending (held or sold)
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then return { 2 } end
local unit = cjson.decode(raw)
if unit.st ~= 'pending' then return { -11 } end

redis.call('HDEL', KEYS[3], ARGV[1])
if unit.s ~= '' then redis.call('HSET', KEYS[2], unit.s, 'A') end
if redis.call('HINCRBY', KEYS[4], unit.u, -1) <= 0 then redis.call('HDEL', KEYS[4], unit.u) end
redis.call('HINCRBY', KEYS[1], 'available', 1)
redis.call('HINCRBY', KEYS[1], 'pending', -1)
redis.call('XADD', KEYS[5], '*', 'k', 'fail', 'u', ARGV[1], 's', unit.s, 'usr', unit.u, 'd', 1, 'st', 'released', 'x', 0, 'r', unit.r, 'why', ARGV[2])
return { 1 }
