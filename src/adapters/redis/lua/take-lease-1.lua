--[[
  Takes or renews a lease: one holder at a time per key, lost when not renewed within the TTL
  (a dead or paused holder loses it).

  KEYS[1] lease
  ARGV[1] owner  ARGV[2] TTL ms

  Returns { 1 } held by owner now, { 0 } held by someone else
]]
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return { 1 }
end
if cur then return { 0 } end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return { 1 }
