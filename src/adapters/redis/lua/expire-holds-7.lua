--[[
  The sweeper: releases holds whose TTL has passed, oldest first, at most ARGV[1] per call. Safe to
  run from several processes at once: each hold is released by exactly one call. A hold of several
  seats (hold-seats) expires as a whole: the first of its units found due releases every unit of
  its group (they share one expiry), so no seat of it outlives the others. A seat withdrawn while
  held (`w` on its unit, see edit-sale) is removed instead of freed.

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] users  KEYS[6] ledger
  KEYS[7] available seats per row (kept while it exists; see keys.ts)
  ARGV[1] most holds to release

  Returns { released (seats) }; -1 not warm
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
local released = 0
local rows = redis.call('EXISTS', KEYS[7]) == 1
for _, holdId in ipairs(due) do
  redis.call('ZREM', KEYS[4], holdId)
  local raw = redis.call('HGET', KEYS[3], holdId)
  if raw then
    local unit = cjson.decode(raw)
    if unit.st == 'held' and unit.x <= now then
      local ids = { holdId }
      if unit.g then
        local lead = unit
        if unit.g ~= holdId then
          local leadRaw = redis.call('HGET', KEYS[3], unit.g)
          lead = leadRaw and cjson.decode(leadRaw) or nil
        end
        if lead and lead.m then ids = lead.m end
      end
      local n, gone = 0, 0
      for _, id in ipairs(ids) do
        local uRaw = id == holdId and raw or redis.call('HGET', KEYS[3], id)
        local u = uRaw and cjson.decode(uRaw)
        if u and u.st == 'held' then
          redis.call('ZREM', KEYS[4], id)
          local d = 1
          if u.w then
            -- Withdrawn by the operator while held (edit-sale): gone now instead of free.
            redis.call('HDEL', KEYS[2], u.s)
            gone, d = gone + 1, 0
          else
            redis.call('HSET', KEYS[2], u.s, 'A')
            if rows then redis.call('HINCRBY', KEYS[7], string.match(u.s, '^(.*)%-%d+$'), 1) end
          end
          redis.call('HDEL', KEYS[3], id)
          redis.call('XADD', KEYS[6], '*', 'k', 'expire', 'u', id, 's', u.s, 'usr', u.u, 'd', d, 'st', 'expired', 'x', u.x, 'r', '')
          n = n + 1
        end
      end
      if redis.call('HINCRBY', KEYS[5], unit.u, -n) <= 0 then redis.call('HDEL', KEYS[5], unit.u) end
      redis.call('HINCRBY', KEYS[1], 'available', n - gone)
      if gone > 0 then redis.call('HINCRBY', KEYS[1], 'capacity', -gone) end
      redis.call('HINCRBY', KEYS[1], 'held', -n)
      released = released + n
    end
  end
end
return { released }
