--[[
  pending-to-sold for many units of one sale in one call (the booking and coupon consumers finish a
  batch at a time): for each unit exactly what pending-to-sold-4 does, PENDING -> SOLD, a hold of
  several seats sold as a whole, one ledger entry per unit sold; replays are no-ops. The counters
  move once for the whole call.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] ledger
  ARGV    unitIds (hold or claim ids)

  Returns { 1, sold } (units sold now); -1 not warm (nothing changed). A unit that is missing or not
  pending is left alone, as pending-to-sold-4 leaves it.
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local sold = 0
for _, unitId in ipairs(ARGV) do
  local raw = redis.call('HGET', KEYS[3], unitId)
  local unit = raw and cjson.decode(raw)
  if unit and unit.st == 'pending' then
    local ids = { unitId }
    if unit.g then
      local leadRaw = unit.g == unitId and raw or redis.call('HGET', KEYS[3], unit.g)
      local lead = leadRaw and cjson.decode(leadRaw)
      if lead and lead.m then ids = lead.m end
    end
    for _, id in ipairs(ids) do
      local uRaw = id == unitId and raw or redis.call('HGET', KEYS[3], id)
      local u = uRaw and cjson.decode(uRaw)
      if u and u.st == 'pending' then
        u.st = 'sold'
        -- The admission a pending unit may have ended is only kept for its compensation, now impossible.
        u.a = nil
        redis.call('HSET', KEYS[3], id, cjson.encode(u))
        if u.s ~= '' then redis.call('HSET', KEYS[2], u.s, 'S' .. id) end
        sold = sold + 1
        redis.call('XADD', KEYS[4], '*', 'k', 'sold', 'u', id, 's', u.s, 'usr', u.u, 'd', 0, 'st', 'sold', 'x', 0, 'r', u.r)
      end
    end
  end
end
if sold > 0 then
  redis.call('HINCRBY', KEYS[1], 'pending', -sold)
  redis.call('HINCRBY', KEYS[1], 'sold', sold)
end
return { 1, sold }
