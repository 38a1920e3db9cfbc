--[[
  The pipeline booked a pending unit: PENDING -> SOLD. Replays are no-ops. A hold of several seats
  (hold-seats) is booked as a whole: given any unit of its group, every unit of the group still
  pending is sold, one ledger entry each (the pipeline charges the group once, for all its seats).

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] ledger
  ARGV[1] unitId (hold or claim id)

  Returns { 1 } sold, { 2 } already sold; -1 not warm, -4 no such unit, -11 not pending
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then return { -4 } end
local unit = cjson.decode(raw)
local ids = { ARGV[1] }
if unit.g then
  local leadRaw = unit.g == ARGV[1] and raw or redis.call('HGET', KEYS[3], unit.g)
  local lead = leadRaw and cjson.decode(leadRaw)
  if lead and lead.m then ids = lead.m end
end
if unit.st == 'sold' then return { 2 } end
if unit.st ~= 'pending' then return { -11 } end

for _, id in ipairs(ids) do
  local uRaw = id == ARGV[1] and raw or redis.call('HGET', KEYS[3], id)
  local u = uRaw and cjson.decode(uRaw)
  if u and u.st == 'pending' then
    u.st = 'sold'
    -- The admission a pending unit may have ended is only kept for its compensation, now impossible.
    u.a = nil
    redis.call('HSET', KEYS[3], id, cjson.encode(u))
    if u.s ~= '' then redis.call('HSET', KEYS[2], u.s, 'S' .. id) end
    redis.call('HINCRBY', KEYS[1], 'pending', -1)
    redis.call('HINCRBY', KEYS[1], 'sold', 1)
    redis.call('XADD', KEYS[4], '*', 'k', 'sold', 'u', id, 's', u.s, 'usr', u.u, 'd', 0, 'st', 'sold', 'x', 0, 'r', u.r)
  end
end
return { 1 }
