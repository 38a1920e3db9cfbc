--[[
  A buyer gives back their own held seat: HELD -> AVAILABLE, stock returned.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] users  KEYS[6] ledger
  KEYS[7] idempotency record
  ARGV[1] userId  ARGV[2] holdId
  ARGV[3] idempotency fingerprint ('' = none)  ARGV[4] answer status  ARGV[5] answer body  ARGV[6] record TTL s

  Returns
    { 1 }
    -1 not warm, -4 no such hold (or already released), -5 not the caller's hold, -11 not held
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[2])
if not raw then return { -4 } end
local unit = cjson.decode(raw)
if unit.u ~= ARGV[1] then return { -5 } end
if unit.st ~= 'held' then return { -11 } end

redis.call('HSET', KEYS[2], unit.s, 'A')
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
if redis.call('HINCRBY', KEYS[5], unit.u, -1) <= 0 then redis.call('HDEL', KEYS[5], unit.u) end
redis.call('HINCRBY', KEYS[1], 'available', 1)
redis.call('HINCRBY', KEYS[1], 'held', -1)
redis.call('XADD', KEYS[6], '*', 'k', 'release', 'u', ARGV[2], 's', unit.s, 'usr', unit.u, 'd', 1, 'st', 'released', 'x', 0, 'r', '')
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[7], cjson.encode({ f = ARGV[3], s = tonumber(ARGV[4]), b = ARGV[5] }), 'EX', ARGV[6])
end
return { 1 }
