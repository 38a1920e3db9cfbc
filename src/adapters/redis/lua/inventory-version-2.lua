--[[
  The version of one sale's inventory, for the reconciler: the meta hash (counters, `warm`, and the
  warm-up's generation `gen`) with the ledger stream's last generated id, read together. Every
  script that changes seats, units or per-user counts appends to the ledger in the same step; a
  warm-up writes a new generation instead. So between two reads of the version, the ledger entries
  after the first id name everything that may have changed, and if the generation is the same no
  warm-up replaced the lot. The last id survives trimming, so "nothing changed since" is checkable
  later too (warm-sale ARGV[4]).

  KEYS[1] meta  KEYS[2] ledger

  Returns { meta (flat field/value list), last ledger id ('0-0' when none) }
]]
local last = '0-0'
if redis.call('EXISTS', KEYS[2]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[2])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then last = info[i + 1] end
  end
end
return { redis.call('HGETALL', KEYS[1]), last }
