-- wrk script: sends every request with the bearer token from the TOKEN environment variable,
-- and prints latency percentiles as one machine-readable line.
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d non2xx=%d p50_us=%d p99_us=%d\n",
      summary.requests, summary.duration, errors, summary.errors.status,
      latency:percentile(50), latency:percentile(99)))
end
