--[[
  A buyer cancelled a booking that PostgreSQL has already recorded as cancelled: SOLD -> released,
  stock returned, so the seat is available again to holds, best available, the seat map and
  admission. A hold of several seats is cancelled as a whole: given any unit of its group, every
  unit of the group still sold goes back, one ledger entry each (kind `cancel`, state `released`,
  delta +1), as every other transition is recorded. Replays are no-ops: a unit already gone
  answers { 2 }, and a seat that someone else has taken since is never touched (the seat is freed
  only while it still names this unit).

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] users  KEYS[5] ledger
  KEYS[6] available seats per row (kept while it exists; see keys.ts)
  ARGV[1] unitId (hold or claim id)  ARGV[2] reason

  Returns { 1 } cancelled, { 2 } already gone; -1 not warm, -11 not sold (held or pending)
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then return { 2 } end
local unit = cjson.decode(raw)
if unit.st ~= 'sold' then return { -11 } end
local ids = { ARGV[1] }
if unit.g then
  local leadRaw = unit.g == ARGV[1] and raw or redis.call('HGET', KEYS[3], unit.g)
  local lead = leadRaw and cjson.decode(leadRaw)
  if lead and lead.m then ids = lead.m end
end

local rows = redis.call('EXISTS', KEYS[6]) == 1
for _, id in ipairs(ids) do
  local uRaw = id == ARGV[1] and raw or redis.call('HGET', KEYS[3], id)
  local u = uRaw and cjson.decode(uRaw)
  if u and u.st == 'sold' then
    redis.call('HDEL', KEYS[3], id)
    local d = 1
    if u.w then
      -- Withdrawn by the operator while pending, then sold (edit-sale): gone now instead of free.
      if redis.call('HGET', KEYS[2], u.s) == 'S' .. id then redis.call('HDEL', KEYS[2], u.s) end
      d = 0
    elseif u.s ~= '' and redis.call('HGET', KEYS[2], u.s) == 'S' .. id then
      redis.call('HSET', KEYS[2], u.s, 'A')
      if rows then redis.call('HINCRBY', KEYS[6], string.match(u.s, '^(.*)%-%d+$'), 1) end
    end
    if redis.call('HINCRBY', KEYS[4], u.u, -1) <= 0 then redis.call('HDEL', KEYS[4], u.u) end
    if d == 1 then redis.call('HINCRBY', KEYS[1], 'available', 1) else redis.call('HINCRBY', KEYS[1], 'capacity', -1) end
    redis.call('HINCRBY', KEYS[1], 'sold', -1)
    redis.call('XADD', KEYS[5], '*', 'k', 'cancel', 'u', id, 's', u.s, 'usr', u.u, 'd', d, 'st', 'released', 'x', 0, 'r', u.r, 'why', ARGV[2])
  end
end
return { 1 }
