--[[
  Removes one blocklist entry and, when there was one, bumps the version.

  KEYS[1] entry  KEYS[2] index  KEYS[3] version
  ARGV[1] index member (kind:value)

  Returns 1 when an entry was removed, 0 when there was none (or it had expired).
]]
local existed = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if existed == 1 then redis.call('INCR', KEYS[3]) end
return existed
