--[[
  The pipeline could not book a pending unit (payment declined or timed out, final failure):
  PENDING -> released, stock returned. Replays are no-ops. A hold of several seats (hold-seats) is
  released as a whole: given any unit of its group, every unit of the group still pending goes
  back to stock, one ledger entry each.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] users  KEYS[5] ledger
  KEYS[6] available seats per row (kept while it exists; see keys.ts)
  ARGV[1] unitId (hold or claim id)  ARGV[2] reason

  Returns { 1 } released, { 2 } already gone; -1 not warm, -11 not pending (held or sold)
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then return { 2 } end
local unit = cjson.decode(raw)
if unit.st ~= 'pending' then return { -11 } end
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
  if u and u.st == 'pending' then
    redis.call('HDEL', KEYS[3], id)
    local d = 1
    if u.w then
      -- Withdrawn by the operator while pending (edit-sale): gone now instead of free.
      redis.call('HDEL', KEYS[2], u.s)
      d = 0
    elseif u.s ~= '' then
      redis.call('HSET', KEYS[2], u.s, 'A')
      if rows then redis.call('HINCRBY', KEYS[6], string.match(u.s, '^(.*)%-%d+$'), 1) end
    end
    if redis.call('HINCRBY', KEYS[4], u.u, -1) <= 0 then redis.call('HDEL', KEYS[4], u.u) end
    if d == 1 then redis.call('HINCRBY', KEYS[1], 'available', 1) else redis.call('HINCRBY', KEYS[1], 'capacity', -1) end
    redis.call('HINCRBY', KEYS[1], 'pending', -1)
    redis.call('XADD', KEYS[5], '*', 'k', 'fail', 'u', id, 's', u.s, 'usr', u.u, 'd', d, 'st', 'released', 'x', 0, 'r', u.r, 'why', ARGV[2])
  end
end
return { 1 }
