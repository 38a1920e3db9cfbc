--[[
  A buyer confirms their own live hold: HELD -> PENDING, waiting for the booking pipeline. The hold
  leaves the expiry set: a pending unit is finished by the pipeline, never by the sweeper.
  A buyer who confirms while at the per-user limit has finished: nothing is left that needs a live
  admission (paying, extending and releasing their other holds do not), so the admission ends here
  (out of `active`, access expiry set to now) and the slot goes to the next buyer at the next tick.
  The unit keeps the ended admission's expiry in `a`, for revert-pending.
  A paused sale still lets a buyer who holds a seat pay for it (pausing stops admission and new
  holds, not checkout); a closed sale refuses, changing nothing.
  A hold of several seats (hold-seats) goes pending as a whole: every unit of its group, each with
  its own reservation id (the unit id with `.r` for `.h`: one booking row per seat, so PostgreSQL's
  "one confirmed booking per seat" index covers every seat), one ledger entry each. The answer is
  the hold's own unit (with `m` and `ss`, its group).

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] ledger  KEYS[6] idempotency record
  KEYS[7] users  KEYS[8] active  KEYS[9] queue admitted  KEYS[10] queue state
  ARGV[1] userId  ARGV[2] holdId  ARGV[3] reservationId
  ARGV[4] idempotency fingerprint ('' = none)  ARGV[5] answer status  ARGV[6] answer body  ARGV[7] record TTL s

  Returns
    { 1, unitJson, finished (1 when this confirm ended the session, else 0) }
    -1 not warm, -4 no such hold (a unit of another hold's group is not a hold), -5 not the caller's hold, -9 hold expired, -11 not held,
    -13 the sale is closed
]]
local meta = redis.call('HMGET', KEYS[1], 'warm', 'limit', 'status')
if meta[1] ~= '1' then return { -1 } end
if meta[3] == 'closed' then return { -13 } end
local raw = redis.call('HGET', KEYS[3], ARGV[2])
if not raw then return { -4 } end
local unit = cjson.decode(raw)
if unit.g and unit.g ~= ARGV[2] then return { -4 } end
if unit.u ~= ARGV[1] then return { -5 } end
if unit.st ~= 'held' then return { -11 } end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if unit.x <= now then return { -9 } end

unit.st = 'pending'
unit.r = ARGV[3]
local finished = 0
local admittedUntil = tonumber(redis.call('ZSCORE', KEYS[8], ARGV[1]) or '0')
if admittedUntil > now and tonumber(redis.call('HGET', KEYS[7], ARGV[1]) or '0') >= tonumber(meta[2] or '1') then
  redis.call('ZREM', KEYS[8], ARGV[1])
  if tonumber(redis.call('HGET', KEYS[9], ARGV[1]) or '0') > now then redis.call('HSET', KEYS[9], ARGV[1], now) end
  redis.call('HINCRBY', KEYS[10], 'finished', 1)
  -- The admission this confirm ended, so revert-pending can give it back if the hand-off fails.
  unit.a = admittedUntil
  finished = 1
end
local encoded = cjson.encode(unit)
local n = 0
for i, id in ipairs(unit.m or { ARGV[2] }) do
  local u, e = unit, encoded
  if i > 1 then
    u = cjson.decode(redis.call('HGET', KEYS[3], id))
    u.st = 'pending'
    u.r = string.gsub(id, '%.h', '.r', 1)
    e = cjson.encode(u)
  end
  redis.call('HSET', KEYS[3], id, e)
  redis.call('HSET', KEYS[2], u.s, 'P' .. id)
  redis.call('ZREM', KEYS[4], id)
  redis.call('XADD', KEYS[5], '*', 'k', 'pending', 'u', id, 's', u.s, 'usr', u.u, 'd', 0, 'st', 'pending', 'x', u.x, 'r', u.r)
  n = n + 1
end
redis.call('HINCRBY', KEYS[1], 'held', -n)
redis.call('HINCRBY', KEYS[1], 'pending', n)
if ARGV[4] ~= '' then
  redis.call('SET', KEYS[6], cjson.encode({ f = ARGV[4], s = tonumber(ARGV[5]), b = ARGV[6] }), 'EX', ARGV[7])
end
return { 1, encoded, finished }
