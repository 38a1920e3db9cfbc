--[[
  Redeems a presale or VIP code for a buyer, atomically: a code is bound to the first users who
  redeem it, up to its uses, and a buyer holds one code per sale (the first one binds; redeeming it
  again answers the same). Two buyers racing for the last use: exactly one wins, the other changes
  nothing. Unknown codes count toward a fixed-window guess limit per user and per address; past it
  every attempt is refused before the code is even looked at. A code with its own per-user limit
  writes it into the access rules (`lim:<userId>`), where the hold and claim scripts read it.

  KEYS[1] access loaded flag  KEYS[2] codes (hash -> JSON)  KEYS[3] uses (hash -> count)
  KEYS[4] bindings (userId -> hash)  KEYS[5] access rules  KEYS[6] guesses of the user
  KEYS[7] guesses of the address
  ARGV[1] userId  ARGV[2] code hash  ARGV[3] guesses allowed per user and window
  ARGV[4] guesses allowed per address and window (0: addresses are not counted)  ARGV[5] window ms

  Returns
    { 1, code JSON }  redeemed now       { 2, code JSON }  already redeemed by this user
    { 3, code JSON }  the user holds another code (its JSON)
    -30 too many guesses (second value: ms until the window ends), -31 no such code,
    -32 used up, -33 outside the code's time window, -39 the copy is not loaded (rebuild first)
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return { -39 } end
local user, hash = ARGV[1], ARGV[2]
local bound = redis.call('HGET', KEYS[4], user)
if bound then
  local spec = redis.call('HGET', KEYS[2], bound)
  if bound == hash then return { 2, spec } end
  return { 3, spec }
end
local perUser, perAddress = tonumber(ARGV[3]), tonumber(ARGV[4])
if tonumber(redis.call('GET', KEYS[6]) or '0') >= perUser then
  return { -30, math.max(redis.call('PTTL', KEYS[6]), 1) }
end
if perAddress > 0 and tonumber(redis.call('GET', KEYS[7]) or '0') >= perAddress then
  return { -30, math.max(redis.call('PTTL', KEYS[7]), 1) }
end
local spec = redis.call('HGET', KEYS[2], hash)
if not spec then
  if redis.call('INCR', KEYS[6]) == 1 then redis.call('PEXPIRE', KEYS[6], ARGV[5]) end
  if perAddress > 0 and redis.call('INCR', KEYS[7]) == 1 then redis.call('PEXPIRE', KEYS[7], ARGV[5]) end
  return { -31 }
end
local code = cjson.decode(spec)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if (code.s > 0 and now < code.s) or (code.e > 0 and now >= code.e) then return { -33 } end
if tonumber(redis.call('HGET', KEYS[3], hash) or '0') >= code.m then return { -32 } end
redis.call('HINCRBY', KEYS[3], hash, 1)
redis.call('HSET', KEYS[4], user, hash)
if code.l > 0 then redis.call('HSET', KEYS[5], 'lim:' .. user, code.l) end
return { 1, spec }
