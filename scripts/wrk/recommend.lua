-- wrk script for scripts/bench-server.sh: GET /api/v1/recommend/{random known user}?n=10.
-- Arguments (after --): RATE USERS THREADS [PATH]
--   RATE    total requests per second over all threads; 0 = as fast as possible (closed loop)
--   USERS   user ids are 1..USERS (MovieLens numbering)
--   THREADS the -t given to wrk (each thread paces RATE / THREADS)
--   PATH    a fixed path to request instead (the baseline: /health/live)
-- Pacing: wrk has no fixed-rate flag, so delay() schedules requests. Each wrk thread keeps a
-- timetable with one slot every THREADS / RATE ms (wall clock read through LuaJIT's FFI); after a
-- response, wrk asks delay() how long that connection waits, and the connection gets the next
-- free slot. While fewer than -c / THREADS requests of a thread are in flight, requests leave on
-- their slots whatever the latency of the others (open loop); wrk times each from its send.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } lv_timeval;
  int gettimeofday(lv_timeval *tv, void *tz);
]]
local tv = ffi.new("lv_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

local interval, next_due, users, fixed_path
function init(args)
  fixed_path = args[4]
  local rate = tonumber(args[1]) or 0
  users = tonumber(args[2]) or 6040
  local threads = tonumber(args[3]) or 1
  if rate > 0 then interval = 1000 * threads / rate end
  math.randomseed(7919 * (tid or 1))
end

function delay()
  if not interval then return 0 end
  local t = now_ms()
  if not next_due or next_due < t - 1000 then next_due = t end
  next_due = next_due + interval
  local d = next_due - t
  if d < 0 then return 0 end
  return d
end

function request()
  if fixed_path then return wrk.format("GET", fixed_path) end
  return wrk.format("GET", "/api/v1/recommend/" .. math.random(users) .. "?n=10")
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f rate=%.1f p50_ms=%.3f p99_ms=%.3f"
    .. " p999_ms=%.3f max_ms=%.3f errors=%d non2xx=%d\n", summary.requests, secs,
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
