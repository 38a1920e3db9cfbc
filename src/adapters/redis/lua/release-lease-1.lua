--[[
  Gives a lease up at once (clean shutdown), so another process takes over without waiting the TTL.

  KEYS[1] lease
  ARGV[1] owner

  Returns { 1 } released, { 0 } not ours
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return { 0 } end
redis.call('DEL', KEYS[1])
return { 1 }
