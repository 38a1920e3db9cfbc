--[[
  Rebuilds a sale's access copy from the record (PostgreSQL), unless it is loaded already (another
  process was first): the data keys are replaced and the flag set in the same step, so no
  redemption ever sees half a copy.

  KEYS[1] access loaded flag  KEYS[2] codes  KEYS[3] uses  KEYS[4] bindings  KEYS[5] access rules
  KEYS[6] allowlist
  ARGV[1] JSON { codes: list of (hash, spec JSON, uses), bindings: list of (userId, hash, own limit),
                 allowed: list of members, reserve: (units, untilMs) or empty }

  Returns 1 loaded, 0 already loaded
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
local s = cjson.decode(ARGV[1])
for _, c in ipairs(s.codes) do
  redis.call('HSET', KEYS[2], c[1], c[2])
  if c[3] > 0 then redis.call('HSET', KEYS[3], c[1], c[3]) end
end
for _, b in ipairs(s.bindings) do
  redis.call('HSET', KEYS[4], b[1], b[2])
  if b[3] > 0 then redis.call('HSET', KEYS[5], 'lim:' .. b[1], b[3]) end
end
for i = 1, #s.allowed, 1000 do
  redis.call('SADD', KEYS[6], unpack(s.allowed, i, math.min(i + 999, #s.allowed)))
end
if #s.reserve == 2 then redis.call('HSET', KEYS[5], 'phaseUnits', s.reserve[1], 'phaseUntil', s.reserve[2]) end
redis.call('SET', KEYS[1], '1')
return 1
