package cn.villagecounsel.api.booking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The booking benchmark ({@code bench/booking.sh}), a client of a running stack through its public entry
 * (the gateway at {@code BASE_URL}), using only the public API. Three modes:
 * <ul>
 * <li>{@code race}: {@code RUNS} (20) times, a fresh one-slot session with {@code PLACES} (5) places,
 * {@code RESIDENTS} (1,000) residents signed in beforehand, then one booking request each, all sent at once.
 * Counts 201, 409 {@code SLOT_FULL} and anything else, then checks through the API that exactly {@code PLACES}
 * bookings exist, held by as many people, and that the slot shows no place left. Prints a Markdown table and
 * exits 1 if any run is not exactly PLACES / RESIDENTS-PLACES / 0 errors / 0 duplicates.</li>
 * <li>{@code prepare-mixed DIR}: a village with {@code MIXED_DAYS} (21) daily sessions of {@code MIXED_PLACES} (50)
 * places per slot, {@code MIXED_RESIDENTS} (1,500) signed-in residents for the measured run and
 * {@code MIXED_WARM_RESIDENTS} (500) for the warm-up, written to DIR for the wrk script
 * ({@code bench/booking-mix.lua}): {@code tokens.txt}, {@code warm-tokens.txt}, {@code slots.txt}, {@code lists.txt}.</li>
 * <li>{@code check-mixed DIR}: after the mixed load, every slot's places taken (capacity - remaining) against
 * the village's confirmed bookings: they must be equal (no place sold twice, none lost).</li>
 * </ul>
 */
final class BookingBench {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COUNTY = "621025000000";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
    private final String base = env("BASE_URL", "http://127.0.0.1:28080");
    private final String nonce = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    private String admin;

    /** One answer: status, body (or the exception's text for status 0) and how long it took. */
    record Reply(int status, String body, long nanos) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public static void main(String[] args) throws Exception {
        BookingBench bench = new BookingBench();
        String mode = args.length > 0 ? args[0] : "race";
        boolean ok = switch (mode) {
            case "race" -> bench.race();
            case "prepare-mixed" -> bench.prepareMixed(Path.of(args[1]));
            case "check-mixed" -> bench.checkMixed(Path.of(args[1]));
            default -> throw new IllegalArgumentException("mode: race | prepare-mixed DIR | check-mixed DIR");
        };
        System.exit(ok ? 0 : 1);
    }

    // ---- the race ----

    private boolean race() throws Exception {
        int runs = Integer.parseInt(env("RUNS", "20"));
        int residents = Integer.parseInt(env("RESIDENTS", "1000"));
        int places = Integer.parseInt(env("PLACES", "5"));
        boolean warmConnections = !"0".equals(env("WARM_CONNECTIONS", "1"));
        String[] village = directory(env("RACE_VILLAGE", "621025100901"), "压测村", "压测顾问");
        String villageCode = village[0];
        String advisorId = village[1];
        LocalDate today = LocalDate.now(CHINA);

        System.out.println("| run | confirmed (201) | SLOT_FULL (409) | errors | duplicates | bookings in API | remaining |"
                + " wall ms | p50 ms | p99 ms | max ms | sign-in s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int failed = 0;
        long[] totals = new long[5];
        double minWall = Double.MAX_VALUE, maxWall = 0, minP99 = Double.MAX_VALUE, maxP99 = 0;
        List<Long> allLatencies = new ArrayList<>();
        Map<String, Integer> allOther = new TreeMap<>();
        for (int run = 1; run <= runs; run++) {
            // each run its own session: the advisor cannot hold two at once, so a distinct day and hour each
            LocalDate day = today.plusDays(3 + (run - 1) / 8);
            int hour = 9 + (run - 1) % 8;
            String sessionId = rule(advisorId, villageCode, day, String.format("%02d:00", hour),
                    String.format("%02d:30", hour), 30, places);
            String slotId = sessionId + "@" + String.format("%02d00", hour);

            long signing = System.nanoTime();
            List<String> tokens = signIn("race" + run + "-" + nonce, residents);
            signing = System.nanoTime() - signing;
            if (warmConnections) {
                // one keep-alive connection per resident, as 1,000 phones would each have their own: the race then
                // measures the bookings, not 1,000 TCP handshakes (the gateway opens its own to the api likewise)
                warm(residents);
            }

            byte[] form = JSON.writeValueAsBytes(form(slotId));
            List<CompletableFuture<Reply>> sent = new ArrayList<>(residents);
            long[] ends = new long[residents];
            long start = System.nanoTime();
            for (int i = 0; i < residents; i++) {
                int index = i;
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/bookings"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.get(i))
                        .header("Idempotency-Key", "race-" + nonce + "-" + run + "-" + i)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build();
                long sentAt = System.nanoTime();
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .handle((response, failure) -> {
                            long end = System.nanoTime();
                            ends[index] = end;
                            return failure != null ? new Reply(0, failure.toString(), end - sentAt)
                                    : new Reply(response.statusCode(), response.body(), end - sentAt);
                        }));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            long wall = Arrays.stream(ends).max().orElse(start) - start;

            int confirmed = 0, full = 0, errors = 0;
            Map<String, Integer> winners = new LinkedHashMap<>(); // booking id -> resident index
            List<Integer> refused = new ArrayList<>();
            List<Integer> failedOnes = new ArrayList<>();
            Map<String, Integer> other = new TreeMap<>();
            long[] latencies = new long[residents];
            for (int i = 0; i < residents; i++) {
                Reply reply = sent.get(i).join();
                latencies[i] = reply.nanos();
                allLatencies.add(reply.nanos());
                String code = reply.status() == 409 ? reply.json().path("code").asString("") : "";
                if (reply.status() == 201 && "CONFIRMED".equals(reply.json().path("status").asString(""))) {
                    confirmed++;
                    if (winners.put(reply.json().path("id").asString(""), i) != null) {
                        other.merge("201 with a booking id given twice", 1, Integer::sum);
                    }
                } else if ("SLOT_FULL".equals(code)) {
                    full++;
                    refused.add(i);
                } else {
                    errors++;
                    failedOnes.add(i);
                    String what = reply.status() == 0 ? reply.body() : reply.status() + " " + code;
                    other.merge(what.length() > 120 ? what.substring(0, 120) : what, 1, Integer::sum);
                }
            }

            // through the API: the session's bookings (admin), the slot's places (public), each winner's own list
            List<JsonNode> bookings = sessionBookings(advisorId, day, sessionId);
            Set<String> ids = new HashSet<>();
            Set<String> people = new HashSet<>();
            int inApi = 0;
            for (JsonNode booking : bookings) {
                if (!"CONFIRMED".equals(booking.path("status").asString(""))) {
                    continue;
                }
                inApi++;
                ids.add(booking.path("id").asString(""));
                people.add(booking.path("personName").asString(""));
            }
            int duplicates = (inApi - ids.size()) + (ids.size() - people.size());
            JsonNode slot = slot(villageCode, day, slotId);
            int remaining = slot == null ? -1 : slot.path("remaining").asInt(-1);
            List<String> problems = new ArrayList<>();
            if (!ids.containsAll(winners.keySet())) {
                problems.add("the 201s' booking ids " + winners.keySet() + " are not all among the session's " + ids);
            }
            if (slot == null || !"FULL".equals(slot.path("state").asString(""))) {
                problems.add("the slot is not shown FULL: " + slot);
            }
            for (Map.Entry<String, Integer> winner : winners.entrySet()) {
                JsonNode mine = get("/api/v1/bookings/mine", tokens.get(winner.getValue())).json();
                if (mine.size() != 1 || !winner.getKey().equals(mine.path(0).path("id").asString(""))) {
                    duplicates += Math.max(0, mine.size() - 1);
                    problems.add("resident " + winner.getValue() + " has " + mine.size() + " bookings");
                }
            }
            for (int i : refused.subList(0, Math.min(50, refused.size()))) { // a 409 SLOT_FULL left nothing behind
                JsonNode mine = get("/api/v1/bookings/mine", tokens.get(i)).json();
                if (mine.size() != 0) {
                    problems.add("resident " + i + " was answered SLOT_FULL but has " + mine.size() + " bookings");
                }
            }
            // an error is no answer: the booking may have been made all the same (a retry with the same
            // Idempotency-Key would say so); count who holds one, which the session's bookings already include
            int bookedAfterError = 0;
            for (int i : failedOnes) {
                bookedAfterError += get("/api/v1/bookings/mine", tokens.get(i)).json().size();
            }
            if (bookedAfterError > 0) {
                problems.add(bookedAfterError + " of the " + failedOnes.size()
                        + " residents answered with an error hold a booking all the same");
            }

            Arrays.sort(latencies);
            double p50 = percentile(latencies, 50), p99 = percentile(latencies, 99);
            double max = latencies[latencies.length - 1] / 1e6;
            boolean ok = confirmed == places && full == residents - places && errors == 0 && duplicates == 0
                    && inApi == places && remaining == 0 && problems.isEmpty();
            failed += ok ? 0 : 1;
            totals[0] += confirmed;
            totals[1] += full;
            totals[2] += errors;
            totals[3] += duplicates;
            totals[4] += inApi;
            minWall = Math.min(minWall, wall / 1e6);
            maxWall = Math.max(maxWall, wall / 1e6);
            minP99 = Math.min(minP99, p99);
            maxP99 = Math.max(maxP99, p99);
            other.forEach((what, count) -> allOther.merge(what, count, Integer::sum));
            System.out.println(String.format(Locale.ROOT, "| %d%s | %d | %d | %d | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f |",
                    run, ok ? "" : " ✗", confirmed, full, errors, duplicates, inApi, remaining, wall / 1e6, p50, p99, max,
                    signing / 1e9));
            for (String problem : problems) {
                System.out.println("<!-- run " + run + ": " + problem + " -->");
            }
            for (Map.Entry<String, Integer> answer : other.entrySet()) {
                System.out.println("<!-- run " + run + ": " + answer.getValue() + " × " + answer.getKey() + " -->");
            }
        }
        long[] all = allLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println(String.format(Locale.ROOT, "| **all %d** | %d | %d | %d | %d | %d | | %.0f–%.0f | %.1f | %.1f | %.1f | |",
                runs, totals[0], totals[1], totals[2], totals[3], totals[4], minWall, maxWall, percentile(all, 50),
                percentile(all, 99), all[all.length - 1] / 1e6));
        System.out.println();
        System.out.println(String.format(Locale.ROOT,
                "%d runs of %d residents racing for %d places: %d of %d runs exact; wall time %.0f–%.0f ms, p99 %.1f–%.1f ms.",
                runs, residents, places, runs - failed, runs, minWall, maxWall, minP99, maxP99));
        if (!allOther.isEmpty()) {
            System.out.println("Other answers: " + allOther);
        }
        return failed == 0;
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    // ---- the mixed load ----

    private boolean prepareMixed(Path dir) throws Exception {
        int days = Integer.parseInt(env("MIXED_DAYS", "21"));
        int places = Integer.parseInt(env("MIXED_PLACES", "50"));
        int residents = Integer.parseInt(env("MIXED_RESIDENTS", "1500"));
        int warmResidents = Integer.parseInt(env("MIXED_WARM_RESIDENTS", "500"));
        int window = Integer.parseInt(env("LIST_DAYS", "7"));
        String[] village = directory(env("MIXED_VILLAGE", "621025100902"), "压测二村", "压测二村顾问");
        LocalDate first = LocalDate.now(CHINA).plusDays(3);
        LocalDate last = first.plusDays(days - 1);
        Map<String, Object> rule = ruleForm(village[1], village[0], "09:00", "12:00", 30, places);
        rule.put("recurrence", Map.of("frequency", "WEEKLY", "daysOfWeek", List.of(1, 2, 3, 4, 5, 6, 7)));
        rule.put("validFrom", first.toString());
        rule.put("validUntil", last.toString());
        expect(send("POST", "/api/v1/admin/duty-rules", admin(), rule), 201);

        JsonNode listing = get("/api/v1/villages/" + village[0] + "/slots?from=" + first + "&to=" + last, null).json();
        List<String> slots = new ArrayList<>();
        int capacity = 0;
        for (JsonNode slot : listing.path("slots").values()) {
            // the listing also shows the township's desk duty, which this benchmark does not book
            if ("OPEN".equals(slot.path("state").asString("")) && village[1].equals(slot.path("advisorId").asString(""))) {
                slots.add(slot.path("id").asString());
                capacity += slot.path("remaining").asInt();
            }
        }
        List<String> lists = new ArrayList<>();
        for (int d = 0; d + window - 1 < days; d++) {
            lists.add("/api/v1/villages/" + village[0] + "/slots?from=" + first.plusDays(d) + "&to="
                    + first.plusDays(d + window - 1));
        }
        Reply sample = get(lists.get(0), null);
        long signing = System.nanoTime();
        List<String> tokens = signIn("mix-" + nonce, residents);
        List<String> warmTokens = signIn("mixwarm-" + nonce, warmResidents);
        signing = System.nanoTime() - signing;

        Files.createDirectories(dir);
        Files.write(dir.resolve("tokens.txt"), tokens);
        Files.write(dir.resolve("warm-tokens.txt"), warmTokens);
        Files.write(dir.resolve("slots.txt"), slots);
        Files.write(dir.resolve("lists.txt"), lists);
        Files.writeString(dir.resolve("village.txt"), village[0] + " " + first + " " + last + "\n");
        System.out.println(String.format(Locale.ROOT,
                "Mixed load: village %s with %d sessions (09:00–12:00, 30-minute slots, %d places each): %d slots, %d places;"
                        + " a listing covers %d days, %d slots, %d bytes of JSON; %d + %d (warm-up) residents signed in in %.1f s.",
                village[0], days, places, slots.size(), capacity, window,
                sample.json().path("slots").size(), sample.body().getBytes(StandardCharsets.UTF_8).length, residents,
                warmResidents, signing / 1e9));
        return slots.size() == days * 6;
    }

    /**
     * Every slot's places taken against the village's confirmed bookings. wrk closes its connections at the end of
     * a run, which cancels the requests in flight half-way; the sweep finishes those steps once they are older than
     * {@code vc.booking.repair-after} (1 min). So the check is repeated until both agree, for up to
     * {@code CHECK_SECONDS} (180).
     */
    private boolean checkMixed(Path dir) throws Exception {
        String[] village = Files.readString(dir.resolve("village.txt")).strip().split(" ");
        int limit = Integer.parseInt(env("CHECK_SECONDS", "180"));
        long start = System.nanoTime();
        String first = null;
        while (true) {
            JsonNode listing = get("/api/v1/villages/" + village[0] + "/slots?from=" + village[1] + "&to=" + village[2],
                    null).json();
            int taken = 0;
            int negative = 0;
            for (JsonNode slot : listing.path("slots").values()) {
                taken += slot.path("capacity").asInt() - slot.path("remaining").asInt();
                negative += slot.path("remaining").asInt() < 0 ? 1 : 0;
            }
            long confirmed = count(village, "CONFIRMED");
            long cancelled = count(village, "CANCELLED");
            boolean ok = taken == confirmed && negative == 0;
            long waited = (System.nanoTime() - start) / 1_000_000_000;
            String now = String.format(Locale.ROOT, "%d places taken in the slots, %d confirmed bookings (%d cancelled)",
                    taken, confirmed, cancelled);
            if (first == null) {
                first = now;
            }
            if (ok || waited >= limit) {
                System.out.println(String.format(Locale.ROOT, "After the mixed load: %s%s: %s.", now,
                        waited == 0 ? "" : " after " + waited + " s (right after the run: " + first + ")",
                        ok ? "consistent" : "INCONSISTENT (places sold twice or lost)"));
                return ok;
            }
            Thread.sleep(5_000);
        }
    }

    private long count(String[] village, String status) {
        return expect(get("/api/v1/admin/bookings?village=" + village[0] + "&status=" + status + "&from=" + village[1]
                + "&to=" + village[2] + "&size=1", admin()), 200).path("total").asLong(-1);
    }

    // ---- set-up through the admin API ----

    private String admin() {
        if (admin == null) {
            admin = expect(send("POST", "/api/v1/auth/login", null,
                    Map.of("username", env("ADMIN_USER", "zn-admin"), "password", env("ADMIN_PASSWORD", "Demo@2026"))), 200)
                    .path("access_token").asString();
        }
        return admin;
    }

    /** A village under 山河镇, a new advisor and a filed agreement between them: {villageCode, advisorId}. */
    private String[] directory(String code, String name, String advisorName) {
        Reply region = send("POST", "/api/v1/admin/regions", admin(), Map.of("code", code, "name", name));
        if (region.status() != 201 && region.status() != 409) {
            throw new IllegalStateException("region: " + region);
        }
        Map<String, Object> advisor = new HashMap<>();
        advisor.put("name", advisorName);
        advisor.put("lawFirm", "甘肃正宁律师事务所");
        advisor.put("licenceNo", "16210201910123456");
        advisor.put("phone", "13912345678");
        advisor.put("publicPhone", "0934-5551234");
        advisor.put("serviceScope", "土地承包、婚姻家庭");
        advisor.put("regionCode", COUNTY);
        advisor.put("username", "bench-" + nonce + "-" + code.substring(9));
        String advisorId = expect(send("POST", "/api/v1/admin/advisors", admin(), advisor), 201)
                .path("advisor").path("id").asString();
        LocalDate today = LocalDate.now(CHINA);
        String agreement = expect(send("POST", "/api/v1/admin/agreements", admin(), Map.of("advisorId", advisorId,
                "villageCode", code, "startDate", today.minusMonths(1).toString(),
                "endDate", today.plusYears(1).toString())), 201).path("id").asString();
        expect(send("POST", "/api/v1/admin/agreements/" + agreement + "/filing", admin(), null), 200);
        return new String[] { code, advisorId };
    }

    private String rule(String advisorId, String village, LocalDate day, String start, String end, int slotMinutes,
            int places) {
        Map<String, Object> rule = ruleForm(advisorId, village, start, end, slotMinutes, places);
        rule.put("recurrence", Map.of("frequency", "ONCE", "date", day.toString()));
        String ruleId = expect(send("POST", "/api/v1/admin/duty-rules", admin(), rule), 201).path("rule").path("id")
                .asString();
        return ruleId + "-" + day.toString().replace("-", "");
    }

    private static Map<String, Object> ruleForm(String advisorId, String village, String start, String end,
            int slotMinutes, int places) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("advisorId", advisorId);
        rule.put("kind", "ON_SITE");
        rule.put("villageCode", village);
        rule.put("place", "村委会法律服务室");
        rule.put("mode", "IN_PERSON");
        rule.put("startTime", start);
        rule.put("endTime", end);
        rule.put("slotMinutes", slotMinutes);
        rule.put("placesPerSlot", places);
        return rule;
    }

    private static Map<String, Object> form(String slotId) {
        return Map.of("slotId", slotId, "topic", "LAND", "description", "承包地被邻居占用，想咨询怎么处理", "mode", "IN_PERSON");
    }

    private List<JsonNode> sessionBookings(String advisorId, LocalDate day, String sessionId) {
        JsonNode schedule = expect(get("/api/v1/admin/bookings/schedule?advisorId=" + advisorId + "&from=" + day + "&to="
                + day, admin()), 200);
        for (JsonNode session : schedule.path("sessions").values()) {
            if (sessionId.equals(session.path("sessionId").asString(""))) {
                return new ArrayList<>(session.path("bookings").values());
            }
        }
        throw new IllegalStateException("session " + sessionId + " is not in the advisor's schedule: " + schedule);
    }

    private JsonNode slot(String village, LocalDate day, String slotId) {
        JsonNode listing = expect(get("/api/v1/villages/" + village + "/slots?from=" + day + "&to=" + day, null), 200);
        for (JsonNode slot : listing.path("slots").values()) {
            if (slotId.equals(slot.path("id").asString(""))) {
                return slot;
            }
        }
        return null;
    }

    /** Opens {@code count} keep-alive connections: as many requests sent at once, each holding its own. */
    private void warm(int count) {
        List<CompletableFuture<HttpResponse<String>>> warming = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            warming.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(warming.toArray(CompletableFuture[]::new)).join();
    }

    /** Signs in {@code count} sandbox residents, 32 at a time; answers their access tokens in order. */
    private List<String> signIn(String prefix, int count) {
        String[] tokens = new String[count];
        all(count, i -> {
            Reply reply = send("POST", "/api/v1/auth/wechat", null, Map.of("code", "sandbox:" + prefix + "-" + i));
            tokens[i] = expect(reply, 200).path("access_token").asString();
            return reply;
        }, 32);
        return Arrays.asList(tokens);
    }

    /** Runs {@code count} calls, at most {@code parallel} at once, and waits for them all. */
    private static void all(int count, java.util.function.IntFunction<Reply> call, int parallel) {
        Semaphore permits = new Semaphore(parallel);
        var executor = Executors.newFixedThreadPool(Math.min(parallel, count));
        try {
            List<CompletableFuture<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                permits.acquireUninterruptibly();
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return call.apply(index);
                    } finally {
                        permits.release();
                    }
                }, executor));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            executor.shutdown();
        }
    }

    // ---- HTTP ----

    private Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    private Reply send(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            return new Reply(0, e.toString(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
