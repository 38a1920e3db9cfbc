--[[
  Releases a lock only if the caller still holds it (compare-and-delete). A plain DEL would free a
  lock that expired and was taken by another buyer meanwhile.

  KEYS[1] lock
  ARGV[1] the caller's token (the value it SET NX PX)

  Returns
    1 released, 0 not the holder (the lock expired; whoever holds it now keeps it)
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
