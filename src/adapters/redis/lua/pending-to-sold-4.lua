--[[
  The pipeline booked a pending unit: PENDING -> SOLD. Replays are no-ops.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] ledger
  ARGV[1] unitId (hold or claim id)

  Returns { 1 } sold, { 2 } already sold; -1 not warm, -4 no such unit, -11 not pending
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then return { -4 } end
local unit = cjson.decode(raw)
if unit.st == 'sold' then return { 2 } end
if unit.st ~= 'pending' then return { -11 } end

unit.st = 'sold'
-- The admission a pending unit may have ended is only kept for its compensation, now impossible.
unit.a = nil
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(unit))
if unit.s ~= '' then redis.call('HSET', KEYS[2], unit.s, 'S' .. ARGV[1]) end
redis.call('HINCRBY', KEYS[1], 'pending', -1)
redis.call('HINCRBY', KEYS[1], 'sold', 1)
redis.call('XADD', KEYS[4], '*', 'k', 'sold', 'u', ARGV[1], 's', unit.s, 'usr', unit.u, 'd', 0, 'st', 'sold', 'x', 0, 'r', unit.r)
return { 1 }
