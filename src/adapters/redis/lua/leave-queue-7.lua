--[[
  A buyer leaves a sale's waiting room, or ends their admission because they are done. A waiting
  (or pre-queued) place is given up: it is skipped at admission like an abandoned one. A live
  admission ends at once: out of `active` (the slot goes to the next buyer at the next tick) and
  the access expiry set to now; holds already taken stay, and can still be paid or released.
  Either way, joining again later starts at the back with a new ticket. Leaving twice is a no-op.

  KEYS[1] queue state  KEYS[2] tickets  KEYS[3] order  KEYS[4] seen  KEYS[5] pre-queue
  KEYS[6] admitted  KEYS[7] active
  ARGV[1] userId

  Returns { outcome, ticket }
    outcome 0 never joined (or left the pre-queue before), 1 left the waiting line or the pre-queue,
    2 ended a live admission, 3 nothing to do: the place was already gone
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local user = ARGV[1]
if redis.call('SREM', KEYS[5], user) == 1 then
  redis.call('ZREM', KEYS[4], user)
  redis.call('HINCRBY', KEYS[1], 'left', 1)
  return { 1, 0 }
end
local ticket = redis.call('HGET', KEYS[2], user)
if not ticket then return { 0, 0 } end
ticket = tonumber(ticket)
if redis.call('ZREM', KEYS[3], user) == 1 then
  redis.call('ZREM', KEYS[4], user)
  redis.call('HINCRBY', KEYS[1], 'left', 1)
  return { 1, ticket }
end
local untilMs = tonumber(redis.call('HGET', KEYS[6], user) or '0')
local slot = tonumber(redis.call('ZSCORE', KEYS[7], user) or '0')
redis.call('ZREM', KEYS[7], user)
if untilMs > now or slot > now then
  if untilMs > now then redis.call('HSET', KEYS[6], user, now) end
  redis.call('HINCRBY', KEYS[1], 'finished', 1)
  return { 2, ticket }
end
return { 3, ticket }
