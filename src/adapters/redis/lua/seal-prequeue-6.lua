--[[
  Seals the pre-queue at opening: hands tickets 1..P to its members in the order given (the
  committed shuffle, computed by the caller from the revealed seed). Run once, by the lease holder.

  KEYS[1] queue state  KEYS[2] ticket counter  KEYS[3] tickets  KEYS[4] order  KEYS[5] pre-queue
  KEYS[6] scheduler lease
  ARGV[1] lease owner  ARGV[2] JSON array of every pre-queue userId, in ticket order

  Returns { 1, P } sealed, { 2 } already sealed, -20 lease not held, -22 the list is not the pre-queue
]]
if redis.call('GET', KEYS[6]) ~= ARGV[1] then return { -20 } end
if redis.call('HGET', KEYS[1], 'sealed') == '1' then return { 2 } end
local users = cjson.decode(ARGV[2])
if #users ~= redis.call('SCARD', KEYS[5]) then return { -22 } end
for i, u in ipairs(users) do
  if redis.call('SISMEMBER', KEYS[5], u) ~= 1 then return { -22 } end
end
for i, u in ipairs(users) do
  redis.call('HSET', KEYS[3], u, i)
  redis.call('ZADD', KEYS[4], i, u)
end
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SET', KEYS[2], #users) end
redis.call('HSET', KEYS[1], 'sealed', 1)
return { 1, #users }
