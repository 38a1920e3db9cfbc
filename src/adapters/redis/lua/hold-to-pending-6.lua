--[[
  A buyer confirms their own live hold: HELD -> PENDING, waiting for the booking pipeline. The hold
  leaves the expiry set: a pending unit is finished by the pipeline, never by the sweeper.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] ledger  KEYS[6] idempotency record
  ARGV[1] userId  ARGV[2] holdId  ARGV[3] reservationId
  ARGV[4] idempotency fingerprint ('' = none)  ARGV[5] answer status  ARGV[6] answer body  ARGV[7] record TTL s

  Returns
    { 1, unitJson }
    -1 not warm, -4 no such hold, -5 not the caller's hold, -9 hold expired, -11 not held
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[2])
if not raw then return { -4 } end
local unit = cjson.decode(raw)
if unit.u ~= ARGV[1] then return { -5 } end
if unit.st ~= 'held' then return { -11 } end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if unit.x <= now then return { -9 } end

unit.st = 'pending'
unit.r = ARGV[3]
local encoded = cjson.encode(unit)
redis.call('HSET', KEYS[3], ARGV[2], encoded)
redis.call('HSET', KEYS[2], unit.s, 'P' .. ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('HINCRBY', KEYS[1], 'held', -1)
redis.call('HINCRBY', KEYS[1], 'pending', 1)
redis.call('XADD', KEYS[5], '*', 'k', 'pending', 'u', ARGV[2], 's', unit.s, 'usr', unit.u, 'd', 0, 'st', 'pending', 'x', unit.x, 'r', ARGV[3])
if ARGV[4] ~= '' then
  redis.call('SET', KEYS[6], cjson.encode({ f = ARGV[4], s = tonumber(ARGV[5]), b = ARGV[6] }), 'EX', ARGV[7])
end
return { 1, encoded }
