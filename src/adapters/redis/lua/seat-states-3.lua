--[[
  One sale's seat states with the inventory version they belong to, read together: the public seat
  map's snapshot. The version is the warm-up generation (`gen` in meta) and the ledger stream's last
  generated id, as in inventory-version: every script that changes a seat appends to the ledger in
  the same step, so two reads with the same version saw the same seats, in any process. The seat
  hash is returned only when the version differs from the caller's: an unchanged sale costs one
  small reply, however large its map.

  KEYS[1] meta  KEYS[2] ledger  KEYS[3] seats
  ARGV[1] the version the caller holds ('' for none)

  Returns { version, flat seatId/value list of the seat hash } when the version moved (the list is
  empty for a sale Redis does not hold), { version } when it is ARGV[1]
]]
local last = '0-0'
if redis.call('EXISTS', KEYS[2]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[2])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then last = info[i + 1] end
  end
end
local gen = redis.call('HGET', KEYS[1], 'gen') or '0'
local version = gen .. '~' .. last
if version == ARGV[1] then return { version } end
return { version, redis.call('HGETALL', KEYS[3]) }
