--[[
  A buyer gives back their own held seat: HELD -> AVAILABLE, stock returned
  (a seat withdrawn while held, `w` on its unit, is removed instead: see edit-sale). A hold of several
  seats (hold-seats) is released as a whole: every unit of its group, one ledger entry each.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] users  KEYS[6] ledger
  KEYS[7] idempotency record  KEYS[8] available seats per row (kept while it exists; see keys.ts)
  ARGV[1] userId  ARGV[2] holdId
  ARGV[3] idempotency fingerprint ('' = none)  ARGV[4] answer status  ARGV[5] answer body  ARGV[6] record TTL s

  Returns
    { 1 }
    -1 not warm, -4 no such hold (or already released; a unit of another hold's group is not a hold), -5 not the caller's hold, -11 not held
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[2])
if not raw then return { -4 } end
local unit = cjson.decode(raw)
if unit.g and unit.g ~= ARGV[2] then return { -4 } end
if unit.u ~= ARGV[1] then return { -5 } end
if unit.st ~= 'held' then return { -11 } end

local rows = redis.call('EXISTS', KEYS[8]) == 1
local n, gone = 0, 0
for i, id in ipairs(unit.m or { ARGV[2] }) do
  local u = unit
  if i > 1 then u = cjson.decode(redis.call('HGET', KEYS[3], id)) end
  local d = 1
  if u.w then
    -- Withdrawn by the operator while held (edit-sale): gone now instead of free.
    redis.call('HDEL', KEYS[2], u.s)
    gone, d = gone + 1, 0
  else
    redis.call('HSET', KEYS[2], u.s, 'A')
    if rows then redis.call('HINCRBY', KEYS[8], string.match(u.s, '^(.*)%-%d+$'), 1) end
  end
  redis.call('HDEL', KEYS[3], id)
  redis.call('ZREM', KEYS[4], id)
  redis.call('XADD', KEYS[6], '*', 'k', 'release', 'u', id, 's', u.s, 'usr', u.u, 'd', d, 'st', 'released', 'x', 0, 'r', '')
  n = n + 1
end
if redis.call('HINCRBY', KEYS[5], unit.u, -n) <= 0 then redis.call('HDEL', KEYS[5], unit.u) end
redis.call('HINCRBY', KEYS[1], 'available', n - gone)
if gone > 0 then redis.call('HINCRBY', KEYS[1], 'capacity', -gone) end
redis.call('HINCRBY', KEYS[1], 'held', -n)
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[7], cjson.encode({ f = ARGV[3], s = tonumber(ARGV[4]), b = ARGV[5] }), 'EX', ARGV[6])
end
return { 1 }
