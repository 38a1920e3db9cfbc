--[[
  Reserves an Idempotency-Key, or tells what became of it.

  KEYS[1]  the key's record: {f = fingerprint, p = 1} while in flight, {f, s, b, x} once answered
  ARGV[1]  fingerprint of the request (method, route, body)
  ARGV[2]  seconds an in-flight reservation lives (bounds the wait after a crashed process)

  Returns
    { 1 }           new: reserved for this caller, who must run the operation
    { 2 }           in flight: another request with the same key and body is running
    { 3, record }   done: the stored answer
    { -12 }         mismatch: the key was used with a different request
]]
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], cjson.encode({ f = ARGV[1], p = 1 }), 'EX', ARGV[2])
  return { 1 }
end
local r = cjson.decode(v)
if r.f ~= ARGV[1] then return { -12 } end
if r.p then return { 2 } end
return { 3, v }
