-- wrk script for the booking benchmark's mixed load (bench/booking.sh). Run with as many threads as connections
-- (-tN -cN): each thread then has one connection, so each response belongs to the request the thread sent last,
-- and the script can time every request and tell the request types apart.
--
-- MIX=mixed (default): per thread, in every 20 requests 16 slot listings (80 %), 3 bookings (15 %) and 1 cancel of
-- one of the thread's own earlier bookings (5 %; a listing instead while the thread holds none).
-- MIX=list: the slot listing only. MIX=jwks: GET /oauth2/jwks only (the constant baseline). All through the same script,
-- so that the client's own cost is the same in every scenario.
--
-- MIX_DIR holds what BookingBench prepare-mixed wrote: the residents' access tokens, one a line, in the file named by
-- TOKENS (tokens.txt; warm-tokens.txt for the warm-up, so that the measured run starts from residents with no
-- bookings; each thread takes every THREADS-th), slots.txt (bookable slot ids) and lists.txt (listing paths).
-- RUN_TAG makes the Idempotency-Keys of one wrk run differ from another's. Prints one RESULT line per
-- request type with its count, p50 and p99 (microseconds), and the booking answers by code.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } vc_timespec;
int clock_gettime(int clk_id, vc_timespec *tp);
]]
local timespec = ffi.new("vc_timespec")
local function now_us()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000000 + tonumber(timespec.tv_nsec) / 1000
end

local function lines(path)
  local found = {}
  for line in io.lines(path) do
    if line ~= "" then
      found[#found + 1] = line
    end
  end
  return found
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

local mode, tag, tokens, slots, lists, held
local answers = {}
local n, booked, listed = 0, 0, 0
local kind, sent_at, token_of_request
local description = "承包地被邻居占用，想咨询怎么处理"

function init(args)
  mode = os.getenv("MIX") or "mixed"
  -- What done() collects with thread:get: flat arrays of numbers, and the answers as one string. wrk 4.1 crashes
  -- copying a nested table, and garbles some string keys of a copied table.
  lat_list, lat_book, lat_cancel, lat_jwks = {}, {}, {}, {}
  answers_text = ""
  if mode == "jwks" then
    return
  end
  local dir = os.getenv("MIX_DIR")
  local every = tonumber(os.getenv("THREADS"))
  tag = os.getenv("RUN_TAG") or "mix"
  tokens = {}
  for i, token in ipairs(lines(dir .. "/" .. (os.getenv("TOKENS") or "tokens.txt"))) do
    if (i - 1) % every == id - 1 then
      tokens[#tokens + 1] = token
    end
  end
  slots = lines(dir .. "/slots.txt")
  lists = lines(dir .. "/lists.txt")
  held = {} -- this thread's confirmed bookings, oldest first: { token, id }
end

function request()
  n = n + 1
  if mode == "jwks" then
    kind = "jwks"
    sent_at = now_us()
    return wrk.format("GET", "/oauth2/jwks")
  end
  local step = mode == "list" and 0 or n % 20
  local req
  if step == 16 or step == 17 or step == 18 then
    kind = "book"
    -- resident by turn; slot shifted each round, so a resident never books the same slot twice
    local round = math.floor(booked / #tokens)
    token_of_request = tokens[(booked % #tokens) + 1]
    local slot = slots[((booked + round * 7 + id * 13) % #slots) + 1]
    booked = booked + 1
    req = wrk.format("POST", "/api/v1/bookings", {
      ["Authorization"] = "Bearer " .. token_of_request,
      ["Idempotency-Key"] = tag .. "-" .. id .. "-" .. n,
      ["Content-Type"] = "application/json",
    }, '{"slotId":"' .. slot .. '","topic":"LAND","description":"' .. description .. '","mode":"IN_PERSON"}')
  elseif step == 19 and #held > 0 then
    kind = "cancel"
    local booking = table.remove(held, 1)
    req = wrk.format("POST", "/api/v1/bookings/" .. booking[2] .. "/cancel", {
      ["Authorization"] = "Bearer " .. booking[1],
      ["Content-Type"] = "application/json",
    }, "{}")
  else
    kind = "list"
    listed = listed + 1
    req = wrk.format("GET", lists[(listed + id) % #lists + 1])
  end
  sent_at = now_us()
  return req
end

function response(status, headers, body)
  local took = now_us() - sent_at
  local samples = (kind == "list" and lat_list) or (kind == "book" and lat_book) or (kind == "cancel" and lat_cancel)
      or lat_jwks
  samples[#samples + 1] = took
  local answer = kind .. " " .. status
  if kind == "book" then
    if status == 201 then
      local id = body:match('^{"id":"(%x+)"')
      if id then
        held[#held + 1] = { token_of_request, id }
      end
    elseif status == 409 then
      answer = answer .. " " .. (body:match('"code":"([%u_]+)"') or "?")
    end
  end
  answers[answer] = (answers[answer] or 0) + 1
  local text = {}
  for name, count in pairs(answers) do
    text[#text + 1] = name:gsub(" ", "_") .. "=" .. count
  end
  answers_text = table.concat(text, ";")
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return 0
  end
  local index = math.max(1, math.min(#sorted, math.ceil(p / 100 * #sorted)))
  return sorted[index]
end

function done(summary, latency, requests)
  local all = { list = {}, book = {}, cancel = {}, jwks = {} }
  local counted = {}
  for _, thread in ipairs(threads) do
    for name, samples in pairs(all) do
      for _, sample in ipairs(thread:get("lat_" .. name)) do
        samples[#samples + 1] = sample
      end
    end
    for answer, count in string.gmatch(thread:get("answers_text"), "([^;=]+)=(%d+)") do
      counted[answer] = (counted[answer] or 0) + tonumber(count)
    end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT type=all requests=%d duration_us=%d socket_errors=%d non2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(99)))
  for _, name in ipairs({ "list", "book", "cancel", "jwks" }) do
    local samples = all[name]
    if #samples > 0 then
      table.sort(samples)
      io.write(string.format("RESULT type=%s requests=%d p50_us=%d p99_us=%d\n", name, #samples,
        percentile(samples, 50), percentile(samples, 99)))
    end
  end
  local names = {}
  for answer in pairs(counted) do
    names[#names + 1] = answer
  end
  table.sort(names)
  for _, answer in ipairs(names) do
    io.write(string.format("ANSWER %s=%d\n", answer, counted[answer]))
  end
end
