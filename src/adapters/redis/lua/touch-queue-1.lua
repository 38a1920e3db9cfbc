--[[
  Records a sign of life for waiting users (their stream is open, or they sent a heartbeat), in
  Redis time so every process measures the grace period on the same clock.

  KEYS[1] seen
  ARGV userIds

  Returns { 1, how many were touched }
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local args = {}
for i = 1, #ARGV do
  args[#args + 1] = now
  args[#args + 1] = ARGV[i]
  if #args >= 1000 then
    redis.call('ZADD', KEYS[1], unpack(args))
    args = {}
  end
end
if #args > 0 then redis.call('ZADD', KEYS[1], unpack(args)) end
return { 1, #ARGV }
