--[[
  Reads one sale's whole inventory at one point in time, for the reconciler, with the ledger
  stream's last generated id: the id of the last change recorded, which survives trimming, so
  "nothing changed since" is checkable later (warm-sale ARGV[4]).

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] users  KEYS[5] ledger

  Returns { meta (flat field/value list), seats, units, users, last ledger id ('0-0' when none) }
]]
local last = '0-0'
if redis.call('EXISTS', KEYS[5]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[5])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then last = info[i + 1] end
  end
end
return {
  redis.call('HGETALL', KEYS[1]),
  redis.call('HGETALL', KEYS[2]),
  redis.call('HGETALL', KEYS[3]),
  redis.call('HGETALL', KEYS[4]),
  last
}
