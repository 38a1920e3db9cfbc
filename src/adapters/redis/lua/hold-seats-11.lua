--[[
  Takes several seats for a buyer in one step, all or nothing: AVAILABLE -> HELD with one TTL. The
  seats are named by the buyer (mode `ids`), or picked here, inside the critical section, from one
  section (mode `block`: the best block of adjacent seats; mode `best`: the best single seats), so
  two buyers asking at once can never be given overlapping or split blocks.

  The hold is one unit per seat (so the per-user limit, the ledger, PostgreSQL's holds mirror and
  the reconciler count seats as they always did), grouped: every unit carries `g` = the hold id
  (the first unit's id); the first unit also carries `m` (every unit id, in seat order) and `ss`
  (the seat ids). extend, release, confirm, expiry and the pipeline act on the whole group. A hold
  of one seat is a plain unit, as hold-seat makes it. The Idempotency-Key's record is read and
  written in the same step, as in hold-seat; it keeps the seats taken (`ss`), so a retry of a
  best-available request answers the same seats.

  Best order (row 1 is the front): the lowest row that has what is asked for; in that row the
  block (`block`) whose centre is nearest the row's centre, ties to the lower seat number; `best`
  takes seats one by one by row, then distance of the seat from the row's centre, then number.
  Cost: `ids` O(n); `block` and `best` first read the section's per-row counts of available seats
  (one HMGET of `rows` fields), then read only the rows that count enough seats, row by row (one
  HMGET of seatsPerRow fields), and stop at the first row that completes the request: O(rows +
  r x seatsPerRow) for r rows read. Full rows in front cost nothing; the worst case is a section
  whose rows all have enough seats but no block (each is read once). Never the whole venue.
  Without the counts (a sale warmed before they existed) every row is read.

  KEYS[1] meta   KEYS[2] seats  KEYS[3] units  KEYS[4] expiry
  KEYS[5] users  KEYS[6] active KEYS[7] ledger KEYS[8] idempotency record  KEYS[9] at limit
  KEYS[10] available seats per row (see keys.ts; a row it counts short of the request is not read)
  KEYS[11] access rules (the buyer's own limit, the phase budget)
  ARGV[1] userId  ARGV[2] JSON array of the new units' ids (one per seat, the hold id first)
  ARGV[3] mode: ids | block | best
  ARGV[4] ids: JSON array of seat ids; block/best: the section's name
  ARGV[5] block/best: the section's rows   ARGV[6] block/best: its seats per row
  ARGV[7] idempotency fingerprint ('' = none)  ARGV[8] answer status  ARGV[9] answer body
  ARGV[10] record TTL s   ARGV[11] TTL s of a remembered refusal

  Returns
    { 1, expiresAtMs, holdId, JSON array of the seat ids }   held now, or by the first request with this key
    -1 not warm, -2 not open, -3 not admitted, -4 no such seat, -6 a seat is taken (or named twice),
    -7 sold out (fewer seats left than asked for, in the sale or the section),
    -8 per-user limit reached, -11 wrong kind of sale, -12 the key was used for another request,
    -14 no block of that many adjacent seats left in the section (but enough seats)
    (a refusal, except -1, is remembered under the key for ARGV[11] s and answered again to a retry)
]]
if ARGV[7] ~= '' then
  local prior = redis.call('GET', KEYS[8])
  if prior then
    local r = cjson.decode(prior)
    if r.f ~= ARGV[7] or not (r.c or r.h) then return { -12 } end
    if r.c then return { r.c } end
    return { 1, r.x, r.h, r.ss or '[]' }
  end
end
local function refuse(code)
  if ARGV[7] ~= '' and code ~= -1 then
    redis.call('SET', KEYS[8], cjson.encode({ f = ARGV[7], c = code }), 'EX', ARGV[11])
  end
  return { code }
end

local meta = redis.call('HMGET', KEYS[1], 'warm', 'status', 'kind', 'limit', 'holdTtlMs', 'available', 'capacity')
if meta[1] ~= '1' then return refuse(-1) end
if meta[2] ~= 'open' then return refuse(-2) end
if meta[3] ~= 'seated' then return refuse(-11) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local admittedUntil = redis.call('ZSCORE', KEYS[6], ARGV[1])
if not admittedUntil or tonumber(admittedUntil) <= now then return refuse(-3) end
-- Access rules: a presale code's own per-user limit, and the first phase's unit budget while it runs.
local rules = redis.call('HMGET', KEYS[11], 'lim:' .. ARGV[1], 'phaseUnits', 'phaseUntil')
local limit = math.min(tonumber(meta[4]), tonumber(rules[1] or meta[4]))
local kept = 0
if rules[2] and now < tonumber(rules[3]) then kept = tonumber(meta[7]) - tonumber(rules[2]) end
local unitIds = cjson.decode(ARGV[2])
local n = #unitIds
local owned = tonumber(redis.call('HGET', KEYS[5], ARGV[1]) or '0')
if owned + n > limit then return refuse(-8) end
if kept > 0 and tonumber(meta[6]) - kept < n then return refuse(-7) end

local taken = {}
if ARGV[3] == 'ids' then
  local seen = {}
  for i, seatId in ipairs(cjson.decode(ARGV[4])) do
    local seat = redis.call('HGET', KEYS[2], seatId)
    if not seat then return refuse(-4) end
    if seat ~= 'A' or seen[seatId] then return refuse(-6) end
    seen[seatId] = true
    taken[i] = seatId
  end
  if #taken ~= n then return refuse(-4) end
  -- Available seats imply stock; the check keeps "stock never negative" true even if drifted.
  if tonumber(meta[6]) < n then return refuse(-7) end
else
  if tonumber(meta[6]) < n then return refuse(-7) end
  local section, rows, per = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
  local fields = {}
  local free = 0
  local picks = {}
  local rowNames = {}
  for row = 1, rows do rowNames[row] = section .. '-' .. row end
  local counted = redis.call('HMGET', KEYS[10], unpack(rowNames))
  for row = 1, rows do
    local c = tonumber(counted[row])
    -- A row with fewer available seats than a block needs (or none at all) is not read.
    local skip = c ~= nil and c < (ARGV[3] == 'block' and n or 1)
    if skip then free = free + c end
    if not skip then
      for s = 1, per do fields[s] = section .. '-' .. row .. '-' .. s end
      local states = redis.call('HMGET', KEYS[2], unpack(fields))
      if ARGV[3] == 'block' then
        -- Sliding window over the row: `run` available seats end at seat s. Twice the distance of
        -- a block's centre from the row's centre is |2*start + n - 1 - (per + 1)|.
        local run, bestStart, bestDistance = 0, nil, nil
        for s = 1, per do
          if states[s] == 'A' then
            run = run + 1
            free = free + 1
          else
            run = 0
          end
          if run >= n then
            local start = s - n + 1
            local distance = math.abs(2 * start + n - per - 2)
            if bestDistance == nil or distance < bestDistance then
              bestStart, bestDistance = start, distance
            end
          end
        end
        if bestStart then
          for i = 1, n do taken[i] = fields[bestStart + i - 1] end
          break
        end
      else
        local row_picks = {}
        for s = 1, per do
          if states[s] == 'A' then row_picks[#row_picks + 1] = s end
        end
        table.sort(row_picks, function(a, b)
          local da, db = math.abs(2 * a - per - 1), math.abs(2 * b - per - 1)
          if da ~= db then return da < db end
          return a < b
        end)
        for _, s in ipairs(row_picks) do
          if #picks == n then break end
          picks[#picks + 1] = fields[s]
        end
        if #picks == n then
          taken = picks
          break
        end
      end
    end
  end
  if #taken < n then
    if ARGV[3] == 'block' and free >= n then return refuse(-14) end
    return refuse(-7)
  end
end

local x = now + tonumber(meta[5])
local holdId = unitIds[1]
local rowsKept = redis.call('EXISTS', KEYS[10]) == 1
for i, seatId in ipairs(taken) do
  local id = unitIds[i]
  local unit = { s = seatId, u = ARGV[1], st = 'held', x = x, e = 0, r = '' }
  if n > 1 then
    unit.g = holdId
    if i == 1 then
      unit.m = unitIds
      unit.ss = taken
    end
  end
  redis.call('HSET', KEYS[2], seatId, 'H' .. id)
  if rowsKept then redis.call('HINCRBY', KEYS[10], string.match(seatId, '^(.*)%-%d+$'), -1) end
  redis.call('HSET', KEYS[3], id, cjson.encode(unit))
  redis.call('ZADD', KEYS[4], x, id)
  redis.call('XADD', KEYS[7], '*', 'k', 'hold', 'u', id, 's', seatId, 'usr', ARGV[1], 'd', -1, 'st', 'held', 'x', x, 'r', '')
end
if redis.call('HINCRBY', KEYS[5], ARGV[1], n) >= limit then redis.call('SADD', KEYS[9], ARGV[1]) end
redis.call('HINCRBY', KEYS[1], 'available', -n)
redis.call('HINCRBY', KEYS[1], 'held', n)
local seats = cjson.encode(taken)
if ARGV[7] ~= '' then
  redis.call('SET', KEYS[8], cjson.encode({ f = ARGV[7], s = tonumber(ARGV[8]), b = ARGV[9], x = x, h = holdId, ss = seats }), 'EX', ARGV[10])
end
return { 1, x, holdId, seats }
