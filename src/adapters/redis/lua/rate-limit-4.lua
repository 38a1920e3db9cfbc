--[[
  Checks one request against up to three rate-limit subjects of one route policy (the user, the
  client address and the whole event) and takes one request from all of them, or from none: a
  request refused by one subject costs the others nothing. One script, so a legitimate request
  costs one round trip whatever the number of subjects.

  Each subject is one hash holding both algorithms:
    tb, tt, tc  token bucket (bursts): tokens left, when they were counted (ms), and the bucket
             size they were counted for: when an operator changes the size at runtime, the
             difference is added at once, so a raised limit helps now and a lowered one bites now
    ws, wc, wp  sliding window (steady rate): start of the current fixed window (ms), requests in
             it, requests in the previous one. The estimate wp * (share of the previous window still
             inside the sliding window) + wc needs O(1) memory, where a log of timestamps would keep
             one entry per request (10,000 entries for a 10,000-request burst).
  The pace counter counts the user's mutating requests in the current second, refused ones too,
  for the bot detector (a person does not click 60 times a second).

  KEYS[1] user subject  KEYS[2] address subject  KEYS[3] event subject  KEYS[4] user pace counter
  ARGV[1] count the pace ('1' or '0')
  ARGV[2..5], ARGV[6..9], ARGV[10..13]  per subject: burst, refill per second, window limit,
          window ms (burst 0 and limit 0: the subject is not checked)

  Returns
    { 1, 0, 0, pace }                 allowed: every checked subject took one request
    { -30, retryAfterMs, i, pace }    refused by subject i (1 user, 2 address, 3 event); nothing taken
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local pace = 0
if ARGV[1] == '1' then
  pace = redis.call('INCR', KEYS[4])
  if pace == 1 then redis.call('PEXPIRE', KEYS[4], 1000) end
end

local writes = {}
for i = 1, 3 do
  local o = 2 + (i - 1) * 4
  local burst, rate = tonumber(ARGV[o]), tonumber(ARGV[o + 1])
  local limit, win = tonumber(ARGV[o + 2]), tonumber(ARGV[o + 3])
  if burst > 0 or limit > 0 then
    local s = redis.call('HMGET', KEYS[i], 'tb', 'tt', 'ws', 'wc', 'wp', 'tc')
    local wait = 0
    local fields = {}
    local ttl = 1000
    if burst > 0 then
      local tokens = tonumber(s[1]) or burst
      local at = tonumber(s[2]) or now
      local size = tonumber(s[6]) or burst
      if size ~= burst then tokens = tokens + burst - size end
      tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
      if tokens < 1 then wait = math.ceil((1 - tokens) * 1000 / rate) end
      fields[#fields + 1] = 'tb'; fields[#fields + 1] = tokens - 1
      fields[#fields + 1] = 'tt'; fields[#fields + 1] = now
      fields[#fields + 1] = 'tc'; fields[#fields + 1] = burst
      ttl = math.max(ttl, math.ceil(burst * 1000 / rate) + 1000)
    end
    if limit > 0 then
      local start = now - (now % win)
      local ws = tonumber(s[3]) or start
      local wc = tonumber(s[4]) or 0
      local wp = tonumber(s[5]) or 0
      if ws ~= start then
        if start - ws == win then wp = wc else wp = 0 end
        wc = 0
      end
      local elapsed = now - start
      if wp * (win - elapsed) / win + wc + 1 > limit then
        local w
        if wc + 1 > limit then
          -- Wait for the next window, then for this window's count to slide out far enough.
          w = (win - elapsed) + math.max(0, win * (1 - (limit - 1) / wc))
        else
          w = win * (1 - (limit - 1 - wc) / wp) - elapsed
        end
        wait = math.max(wait, math.ceil(w), 1)
      end
      fields[#fields + 1] = 'ws'; fields[#fields + 1] = start
      fields[#fields + 1] = 'wc'; fields[#fields + 1] = wc + 1
      fields[#fields + 1] = 'wp'; fields[#fields + 1] = wp
      ttl = math.max(ttl, 2 * win)
    end
    if wait > 0 then return { -30, wait, i, pace } end
    writes[#writes + 1] = { KEYS[i], fields, ttl }
  end
end
for _, w in ipairs(writes) do
  redis.call('HSET', w[1], unpack(w[2]))
  redis.call('PEXPIRE', w[1], w[3])
end
return { 1, 0, 0, pace }
