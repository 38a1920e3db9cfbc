--[[
  Adds (or replaces) one blocklist entry: the entry key with its own TTL, its place in the index
  scored by expiry, and a new version so every process reloads the list. Entries that expired are
  dropped from the index on the way.

  KEYS[1] entry  KEYS[2] index  KEYS[3] version
  ARGV[1] index member (kind:value)  ARGV[2] entry JSON  ARGV[3] TTL ms  ARGV[4] expiry (ms since epoch)

  Returns the new version.
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return redis.call('INCR', KEYS[3])
