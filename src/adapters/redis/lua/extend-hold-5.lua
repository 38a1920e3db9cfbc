--[[
  Extends a buyer's own hold by the sale's hold TTL, counted from now, at most `maxExt` times.
  A paused sale still lets a buyer who holds a seat finish (pausing stops admission and new holds,
  not checkout); a closed sale refuses, changing nothing. A hold of several seats (hold-seats) is
  extended as a whole: every unit of its group gets the new expiry, and a ledger entry.

  KEYS[1] meta  KEYS[2] units  KEYS[3] expiry  KEYS[4] ledger  KEYS[5] idempotency record
  ARGV[1] userId  ARGV[2] holdId
  ARGV[3] idempotency fingerprint ('' = none)  ARGV[4] answer status  ARGV[5] answer body  ARGV[6] record TTL s

  Returns
    { 1, expiresAtMs }
    -1 not warm, -4 no such hold (a unit of another hold's group is not a hold), -5 not the caller's hold, -9 hold expired, -10 extension limit,
    -11 not held (pending or sold), -13 the sale is closed
]]
local meta = redis.call('HMGET', KEYS[1], 'warm', 'holdTtlMs', 'maxExt', 'status')
if meta[1] ~= '1' then return { -1 } end
if meta[4] == 'closed' then return { -13 } end
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if not raw then return { -4 } end
local unit = cjson.decode(raw)
if unit.g and unit.g ~= ARGV[2] then return { -4 } end
if unit.u ~= ARGV[1] then return { -5 } end
if unit.st ~= 'held' then return { -11 } end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if unit.x <= now then return { -9 } end
if unit.e >= tonumber(meta[3]) then return { -10 } end

local x = now + tonumber(meta[2])
local e = unit.e + 1
for i, id in ipairs(unit.m or { ARGV[2] }) do
  local u = unit
  if i > 1 then u = cjson.decode(redis.call('HGET', KEYS[2], id)) end
  u.x = x
  u.e = e
  redis.call('HSET', KEYS[2], id, cjson.encode(u))
  redis.call('ZADD', KEYS[3], x, id)
  redis.call('XADD', KEYS[4], '*', 'k', 'extend', 'u', id, 's', u.s, 'usr', u.u, 'd', 0, 'st', 'held', 'x', x, 'r', '', 'e', e)
end
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[5], cjson.encode({ f = ARGV[3], s = tonumber(ARGV[4]), b = ARGV[5], x = unit.x }), 'EX', ARGV[6])
end
return { 1, unit.x }
