--[[
  What the join check needs in one round trip: is the copy loaded, is the user (or their e-mail
  hash) on the allowlist, which code do they hold.

  KEYS[1] access loaded flag  KEYS[2] allowlist (set of `u:<userId>`, `e:<hash>`)
  KEYS[3] bindings  KEYS[4] codes
  ARGV[1] userId  ARGV[2] e-mail hash ('' = none)

  Returns { loaded (0/1), listed (0/1), code JSON or false }
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return { 0, 0, false } end
local listed = redis.call('SISMEMBER', KEYS[2], 'u:' .. ARGV[1])
if listed == 0 and ARGV[2] ~= '' then listed = redis.call('SISMEMBER', KEYS[2], 'e:' .. ARGV[2]) end
local bound = redis.call('HGET', KEYS[3], ARGV[1])
local spec = false
if bound then spec = redis.call('HGET', KEYS[4], bound) end
return { 1, listed, spec }
